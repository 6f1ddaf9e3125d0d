import { ClientInputError } from './errors.js';
import type { InputSchema, JsonType } from './operation-table.js';

const uuid = /^[\da-f]{8}-([\da-f]{4}-){3}[\da-f]{12}$/i;

function typeOf(value: unknown): JsonType | 'undefined' {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as JsonType;
}

// a lone surrogate cannot be encoded as UTF-8: encodeURIComponent throws, TextEncoder replaces it
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Checks a value against the request-side schema of the contract and throws a
 * ClientInputError naming the first field that breaks it. It reads only the keywords the
 * generator keeps (see scripts/generate-operations.mjs); `field` is "" for a method's whole input.
 */
export function assertMatchesSchema(value: unknown, schema: InputSchema, field: string): void {
  // a message that costs a join or a JSON.stringify comes as a function, built only on failure
  const check = (ok: unknown, problem: string | (() => string), at = field) => {
    if (!ok) throw new ClientInputError(at, typeof problem === 'string' ? problem : problem());
  };
  if (!schema) throw new ClientInputError(field, 'is filled in by the client');
  const actual = typeOf(value);
  const types = schema.type === undefined ? [] : ([] as JsonType[]).concat(schema.type);
  check(!types.length || types.some((t) => t === actual || (t === 'number' && actual === 'integer')), () => `must be ${types.join(' or ')}, got ${actual}`);
  check(!schema.enum || schema.enum.includes(value), () => `must be one of ${JSON.stringify(schema.enum)?.slice(1, -1)}`);
  check(!('const' in schema) || schema.const === value, () => `must be ${JSON.stringify(schema.const)}`);
  if (typeof value === 'string') {
    check(!loneSurrogate.test(value), 'must be well-formed Unicode (it holds a lone surrogate)');
    check(value.length >= (schema.minLength ?? 0), `must be at least ${schema.minLength} character(s) long`);
    check(value.length <= (schema.maxLength ?? Infinity), `must be at most ${schema.maxLength} character(s) long`);
    check(schema.format !== 'uuid' || uuid.test(value), 'must be a UUID');
    check(schema.pattern === undefined || new RegExp(schema.pattern, 'u').test(value), `must match ${schema.pattern}`);
  }
  if (typeof value === 'number') {
    check(value >= (schema.minimum ?? -Infinity), `must be >= ${schema.minimum}`);
    check(value <= (schema.maximum ?? Infinity), `must be <= ${schema.maximum}`);
    check(value > (schema.exclusiveMinimum ?? -Infinity), `must be > ${schema.exclusiveMinimum}`);
    check(value < (schema.exclusiveMaximum ?? Infinity), `must be < ${schema.exclusiveMaximum}`);
    check(!schema.multipleOf || Number.isInteger(value / schema.multipleOf), `must be a multiple of ${schema.multipleOf}`);
  }
  if (Array.isArray(value)) {
    check(value.length >= (schema.minItems ?? 0), `must hold at least ${schema.minItems} item(s)`);
    check(value.length <= (schema.maxItems ?? Infinity), `must hold at most ${schema.maxItems} item(s)`);
    check(!schema.uniqueItems || new Set(value.map((item) => JSON.stringify(item))).size === value.length, () => 'must not repeat an item');
    value.forEach((item, index) => schema.items !== undefined && assertMatchesSchema(item, schema.items, `${field}[${index}]`));
  }
  if (actual === 'object') {
    const record = value as Record<string, unknown>;
    const at = (name: string) => (field ? `${field}.${name}` : name);
    for (const name of schema.required ?? []) check(record[name] !== undefined, 'is required', at(name));
    for (const name in record) {
      // own properties only: `constructor` or `toString` must not find Object.prototype's
      const propertySchema = schema.properties && Object.hasOwn(schema.properties, name) ? schema.properties[name] : undefined;
      if (propertySchema === undefined) check(schema.additionalProperties !== false, 'is not defined by the contract', at(name));
      else if (record[name] !== undefined) assertMatchesSchema(record[name], propertySchema, at(name));
    }
  }
}
