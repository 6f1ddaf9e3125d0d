import { ClientInputError } from './errors.js';
import type { InputSchema, JsonType } from './operation-table.js';

const uuid = /^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/i;

function typeOf(value: unknown): JsonType | 'undefined' {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as JsonType | 'undefined';
}

export function assertMissing(field: string): never {
  throw new ClientInputError(field, 'is required');
}

/**
 * Checks a value against the request-side schema of the contract and throws a
 * ClientInputError naming the first field that breaks it. It reads only the keywords the
 * generator keeps (see scripts/generate-operations.mjs).
 */
export function assertMatchesSchema(value: unknown, schema: InputSchema, field: string): void {
  const check = (ok: unknown, problem: string) => {
    if (!ok) throw new ClientInputError(field, problem);
  };
  const actual = typeOf(value);
  if (schema.type) {
    const types = ([] as JsonType[]).concat(schema.type);
    check(types.some((t) => t === actual || (t === 'number' && actual === 'integer')), `must be ${types.join(' or ')}, got ${actual}`);
  }
  if (schema.enum) check(schema.enum.includes(value), `must be one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}`);
  if (typeof value === 'string') {
    check(value.length >= (schema.minLength ?? 0), `must be at least ${schema.minLength} character(s) long`);
    check(schema.format !== 'uuid' || uuid.test(value), 'must be a UUID');
  }
  if (typeof value === 'number') check(value >= (schema.minimum ?? -Infinity), `must be >= ${schema.minimum}`);
  if (Array.isArray(value)) {
    check(value.length >= (schema.minItems ?? 0), `must hold at least ${schema.minItems} item(s)`);
    check(!schema.uniqueItems || new Set(value.map((v) => JSON.stringify(v))).size === value.length, 'must not repeat an item');
    if (schema.items) value.forEach((item, index) => assertMatchesSchema(item, schema.items!, `${field}[${index}]`));
  }
  if (actual === 'object') {
    const record = value as Record<string, unknown>;
    for (const name of schema.required ?? []) if (record[name] === undefined) assertMissing(`${field}.${name}`);
    for (const [name, item] of Object.entries(record)) {
      const propertySchema = schema.properties?.[name];
      if (propertySchema) {
        if (item !== undefined) assertMatchesSchema(item, propertySchema, `${field}.${name}`);
      } else if (schema.additionalProperties === false) throw new ClientInputError(`${field}.${name}`, 'is not a field the contract defines');
    }
  }
}
