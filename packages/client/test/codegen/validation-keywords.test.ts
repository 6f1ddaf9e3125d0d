// Input validation covers every keyword a contract may use: the ones the client checks (each
// with the message a caller sees), and the combinators it leaves to the service on purpose,
// which never fail generation.
import { describe, expect, it } from 'vitest';
import { generateOperationModule, serviceCheckedKeywords } from '../../scripts/generate-operations.mjs';
import { ClientInputError } from '../../src/core/errors.js';
import type { InputSchema } from '../../src/core/operation-table.js';
import { assertMatchesSchema } from '../../src/core/validate-input.js';

const refusals: [string, InputSchema, unknown, string][] = [
  ['maxLength', { type: 'string', maxLength: 3 }, 'abcd', 'name must be at most 3 character(s) long'],
  ['minLength', { type: 'string', minLength: 2 }, 'a', 'name must be at least 2 character(s) long'],
  ['pattern', { type: 'string', pattern: '^[a-z]+$' }, 'ab1', 'name must match ^[a-z]+$'],
  ['pattern with Unicode classes', { type: 'string', pattern: '^\\p{L}+$' }, 'ab1', 'name must match ^\\p{L}+$'],
  ['maximum', { type: 'integer', maximum: 10 }, 11, 'name must be <= 10'],
  ['minimum', { type: 'integer', minimum: 1 }, 0, 'name must be >= 1'],
  ['exclusiveMaximum', { type: 'number', exclusiveMaximum: 10 }, 10, 'name must be < 10'],
  ['exclusiveMinimum', { type: 'number', exclusiveMinimum: 0 }, 0, 'name must be > 0'],
  ['multipleOf', { type: 'integer', multipleOf: 5 }, 12, 'name must be a multiple of 5'],
  ['maxItems', { type: 'array', maxItems: 1 }, [1, 2], 'name must hold at most 1 item(s)'],
  ['const', { const: 'fixed' }, 'other', 'name must be "fixed"'],
  ['a lone surrogate in any string', { type: 'string' }, 'a\uD83D', 'name must be well-formed Unicode (it holds a lone surrogate)'],
  ['a lone low surrogate', { type: 'string' }, '\uDE00a', 'name must be well-formed Unicode (it holds a lone surrogate)'],
  ['minItems', { type: 'array', minItems: 2 }, [1], 'name must hold at least 2 item(s)'],
  ['uniqueItems', { type: 'array', uniqueItems: true }, [{ a: 1 }, { a: 1 }], 'name must not repeat an item'],
  ['items, naming the item by index', { type: 'array', items: { type: 'string', maxLength: 1 } }, ['a', 'bc'], 'name[1] must be at most 1 character(s) long'],
  ['enum', { type: 'string', enum: ['asc', 'desc'] }, 'up', 'name must be one of "asc","desc"'],
  ['type', { type: 'integer' }, 1.5, 'name must be integer, got number'],
  ['one of two types', { type: ['string', 'null'] }, 3, 'name must be string or null, got integer'],
  ['type, for an array', { type: 'object' }, [], 'name must be object, got array'],
  ['format uuid', { type: 'string', format: 'uuid' }, '6b1d0b3a-2b8e-4a4e-9e0b-0c2d3e4f5a6', 'name must be a UUID'],
  ['a required property, naming it', { type: 'object', required: ['id'] }, {}, 'name.id is required'],
  [
    'a property the contract does not define',
    { type: 'object', properties: {}, additionalProperties: false },
    { extra: 1 },
    'name.extra is not defined by the contract',
  ],
  [
    'an inherited name is not a defined property',
    { type: 'object', properties: {}, additionalProperties: false },
    { toString: 1 },
    'name.toString is not defined by the contract',
  ],
  ['a nested property, naming its path', { type: 'object', properties: { a: { type: 'integer', maximum: 1 } } }, { a: 2 }, 'name.a must be <= 1'],
];
const accepted: [string, InputSchema, unknown][] = [
  ['maxLength at the limit', { type: 'string', maxLength: 3 }, 'abc'],
  ['pattern', { type: 'string', pattern: '^[a-z]+$' }, 'abc'],
  ['pattern with Unicode classes', { type: 'string', pattern: '^\\p{L}+$' }, 'h\u00e9llo'],
  ['a surrogate pair', { type: 'string' }, 'a\uD83D\uDE00'],
  ['multipleOf with a fraction', { type: 'number', multipleOf: 0.5 }, 2.5],
  ['exclusiveMaximum below', { type: 'number', exclusiveMaximum: 10 }, 9.99],
  ['const', { const: 'fixed' }, 'fixed'],
  ['minLength at the limit', { type: 'string', minLength: 2 }, 'ab'],
  ['minimum and maximum at the limits', { type: 'integer', minimum: 1, maximum: 1 }, 1],
  ['an integer where a number is asked', { type: 'number' }, 3],
  ['minItems and maxItems at the limits', { type: 'array', minItems: 2, maxItems: 2 }, [1, 2]],
  ['distinct items', { type: 'array', uniqueItems: true }, [{ a: 1 }, { a: 2 }]],
  ['items that each match', { type: 'array', items: { type: 'string', maxLength: 1 } }, ['a', 'b']],
  ['a UUID in capitals', { type: 'string', format: 'uuid' }, '6B1D0B3A-2B8E-4A4E-9E0B-0C2D3E4F5A6B'],
  ['a property given as undefined is absent', { type: 'object', properties: { a: { type: 'integer' } } }, { a: undefined }],
  ['another property where the contract allows others', { type: 'object', properties: {} }, { other: 1 }],
];

describe('input validation keywords', () => {
  it.each(refusals)('%s: refused with the field and the rule', (_keyword, schema, value, message) => {
    expect(() => assertMatchesSchema(value, schema, 'name')).toThrow(ClientInputError);
    expect(() => assertMatchesSchema(value, schema, 'name')).toThrow(message);
  });

  it.each(accepted)('%s: accepted', (_keyword, schema, value) => {
    expect(() => assertMatchesSchema(value, schema, 'name')).not.toThrow();
  });
});

describe('the generator', () => {
  const specWith = (body: object) => ({
    openapi: '3.1.0',
    paths: {
      '/things': { post: { operationId: 'createThing', requestBody: { required: true, content: { 'application/json': { schema: body } } }, responses: {} } },
    },
  });

  it('keeps every checked keyword of a request schema', () => {
    const source = generateOperationModule(
      specWith({ type: 'object', properties: { name: { type: 'string', maxLength: 5, pattern: '^x' }, n: { type: 'integer', maximum: 3, multipleOf: 1 } } }),
      {
        apiName: 'things',
        typesModule: './types.js',
      },
    );
    expect(source).toContain('"maxLength": 5');
    expect(source).toContain('"pattern": "^x"');
    expect(source).toContain('"maximum": 3');
  });

  it.each(serviceCheckedKeywords)('leaves %s to the service: generation succeeds and keeps only the type', (keyword) => {
    const combined = { type: 'object', additionalProperties: false, [keyword]: [{ properties: { a: { type: 'string' } } }] };
    const source = generateOperationModule(specWith({ type: 'object', properties: { part: combined } }), { apiName: 'things', typesModule: './types.js' });
    expect(source).toMatch(/"part": \{ "type": "object" \}|"type": "object" \} as const/);
    expect(source).not.toContain(`"${keyword}"`);
  });
});
