import { ClientInputError } from './errors.js';
import type { InputSchema, JsonType } from './operation-table.js';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const intRanges: Record<string, [number, number]> = { int32: [-(2 ** 31), 2 ** 31 - 1], int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER] };

function typeOf(value: unknown): JsonType | 'undefined' {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as JsonType | 'undefined';
}

function matchesType(value: unknown, types: readonly JsonType[]): boolean {
  const actual = typeOf(value);
  return types.some((t) => t === actual || (t === 'number' && actual === 'integer'));
}

/**
 * Checks a value against the request-side schema of the contract and throws a
 * ClientInputError naming the first field that breaks it.
 */
export function assertMatchesSchema(value: unknown, schema: InputSchema, field: string): void {
  const fail = (problem: string): never => {
    throw new ClientInputError(field, problem);
  };
  if (schema.type !== undefined) {
    const types = typeof schema.type === 'string' ? [schema.type] : schema.type;
    if (!matchesType(value, types)) fail(`must be ${types.join(' or ')}, got ${typeOf(value)}`);
  }
  if (schema.enum && !schema.enum.includes(value)) fail(`must be one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}`);
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength) fail(`must be at least ${schema.minLength} character(s) long`);
    if (schema.maxLength !== undefined && value.length > schema.maxLength) fail(`must be at most ${schema.maxLength} characters long`);
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) fail(`must match ${schema.pattern}`);
    if (schema.format === 'uuid' && !uuid.test(value)) fail('must be a UUID');
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) fail('must be a finite number');
    const range = schema.format ? intRanges[schema.format] : undefined;
    if (schema.minimum !== undefined && value < schema.minimum) fail(`must be >= ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) fail(`must be <= ${schema.maximum}`);
    if (range && (value < range[0] || value > range[1])) fail(`must fit ${schema.format}`);
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) fail(`must hold at least ${schema.minItems} item(s)`);
    if (schema.maxItems !== undefined && value.length > schema.maxItems) fail(`must hold at most ${schema.maxItems} items`);
    if (schema.uniqueItems && new Set(value.map((v) => JSON.stringify(v))).size !== value.length) fail('must not repeat an item');
    if (schema.items) value.forEach((item, index) => assertMatchesSchema(item, schema.items!, `${field}[${index}]`));
  }
  if (typeOf(value) === 'object') {
    const record = value as Record<string, unknown>;
    for (const name of schema.required ?? []) if (record[name] === undefined) assertMissing(`${field}.${name}`);
    for (const [name, item] of Object.entries(record)) {
      const propertySchema = schema.properties?.[name];
      if (propertySchema) {
        if (item !== undefined) assertMatchesSchema(item, propertySchema, `${field}.${name}`);
      } else if (schema.additionalProperties === false) {
        throw new ClientInputError(`${field}.${name}`, 'is not a field the contract defines');
      }
    }
  }
}

export function assertMissing(field: string): never {
  throw new ClientInputError(field, 'is required');
}
