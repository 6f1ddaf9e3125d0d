// The drift check (src/proxy/drift.ts) over a small contract of its own, one answer per row:
// what it reports, where, and what it lets pass. The bundled contracts' answers are checked in
// proxy-drift.test.ts; this table reaches the schema shapes they do not use (formats, open
// enums, maps, combined schemas, status ranges).
import { describe, expect, it } from 'vitest';
import { operationsOf } from '../src/proxy/contract-schemas.ts';
import { DriftChecker, shown } from '../src/proxy/drift.ts';

const doc = {
  openapi: '3.1.0',
  paths: {
    '/things/{id}': {
      get: {
        operationId: 'getThing',
        responses: {
          '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
          '4XX': { $ref: '#/components/responses/Problem' },
          '204': { description: 'nothing' },
        },
      },
    },
  },
  components: {
    responses: { Problem: { content: { 'application/json': { schema: { type: 'object', required: ['code'], properties: { code: { type: 'string' } } } } } } },
    schemas: {
      Thing: {
        allOf: [{ $ref: '#/components/schemas/Base' }],
        type: 'object',
        required: ['id'],
        properties: {
          id: { type: 'string', format: 'uuid' },
          kind: { anyOf: [{ enum: ['small', 'large'] }, { type: 'string' }] },
          size: { type: 'integer' },
          labels: { type: 'object', additionalProperties: { type: 'string' } },
          parts: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } } } },
        },
      },
      Base: {
        type: 'object',
        properties: {
          created: { type: 'string', format: 'date-time' },
          accessToken: { type: 'integer' },
          tokens: { type: 'array', items: { type: 'integer' } },
        },
      },
    },
  },
};

const checker = new DriftChecker(doc);
const [getThing] = operationsOf(doc);
const thing = {
  id: '6a0d1c33-5b8e-4a56-a1f3-b32c0d9a7e15',
  created: '2024-05-01T08:00:00Z',
  kind: 'small',
  size: 1,
  labels: { any: 'x' },
  parts: [{ name: 'a' }],
};
const json = (value: unknown) => Buffer.from(JSON.stringify(value));

const rows: [string, number, string | undefined, Buffer, { kind: string; pointer: string }[]][] = [
  ['a matching answer, with keys of a map and a field from allOf', 200, 'application/json', json(thing), []],
  [
    'an unlisted field in every item of a list, once',
    200,
    'application/json',
    json({
      ...thing,
      parts: [
        { name: 'a', x: 1 },
        { name: 'b', x: 2 },
      ],
    }),
    [{ kind: 'undocumented-field', pointer: '/parts/0/x' }],
  ],
  ['a value outside an open enum', 200, 'application/json', json({ ...thing, kind: 'medium' }), [{ kind: 'enum-value', pointer: '/kind' }]],
  ['a wrong format', 200, 'application/json', json({ ...thing, created: 'yesterday' }), [{ kind: 'wrong-format', pointer: '/created' }]],
  ['a wrong type', 200, 'application/json', json({ ...thing, size: '1' }), [{ kind: 'wrong-type', pointer: '/size' }]],
  ['a missing required field', 200, 'application/json', json({ ...thing, id: undefined }), [{ kind: 'missing-field', pointer: '/id' }]],
  ['a status in a documented range, in its shape', 409, 'application/json', json({ code: 'Conflict' }), []],
  [
    'a status in a documented range, not in its shape',
    429,
    'application/json',
    json({ error: 'slow down' }),
    [
      { kind: 'undocumented-field', pointer: '/error' },
      { kind: 'error-shape', pointer: '/code' },
    ],
  ],
  ['an undocumented status', 503, 'application/json', json({}), [{ kind: 'undocumented-status', pointer: '' }]],
  ['a body that is not JSON', 200, 'application/json', Buffer.from('<html>'), [{ kind: 'not-json', pointer: '' }]],
  ['a media type the operation does not document', 200, 'text/html', Buffer.from('<html>'), [{ kind: 'undocumented-media-type', pointer: '' }]],
  ['no body where one is documented', 200, 'application/json', Buffer.alloc(0), [{ kind: 'missing-field', pointer: '' }]],
  ['no body where none is documented', 204, undefined, Buffer.alloc(0), []],
];

describe('DriftChecker', () => {
  it.each(rows)('%s (HTTP %i)', (_, status, contentType, body, expected) => {
    const findings = checker.check('things', getThing!, { status, contentType, body });
    expect(findings.map(({ kind, pointer }) => ({ kind, pointer }))).toEqual(expected);
    for (const finding of findings) expect(finding).toMatchObject({ api: 'things', operation: 'getThing', status });
  });

  it('never shows the value of a field named like a credential, and cuts long values short', () => {
    const [finding] = checker.check('things', getThing!, {
      status: 200,
      contentType: 'application/json',
      body: json({ ...thing, accessToken: 'SECRETTOKENVALUE' }),
    });
    expect(finding).toMatchObject({ kind: 'wrong-type', pointer: '/accessToken' });
    expect(JSON.stringify(finding)).not.toContain('SECRETTOKENVALUE');
    expect(shown('x'.repeat(500))).toHaveLength(61);
  });

  /** Answers hiding a credential where the field's own name says nothing, and the text that must never be shown. */
  const hidden: [what: string, contentType: string, body: Buffer, secret: string, expected: { kind: string; pointer: string; seen?: string }][] = [
    [
      'a credential inside an object under a neutral key',
      'application/json',
      json({ ...thing, extra: { login: { secretKey: 'NESTEDSECRET' } } }),
      'NESTEDSECRET',
      { kind: 'undocumented-field', pointer: '/extra', seen: '{"login":{"secretKey":"<masked>"}}' },
    ],
    [
      'an item of a list named like credentials',
      'application/json',
      json({ ...thing, tokens: [1, 'ITEMSECRET'] }),
      'ITEMSECRET',
      { kind: 'wrong-type', pointer: '/tokens/1' },
    ],
    [
      'a body that is not JSON',
      'application/json',
      Buffer.from('password=PLAINSECRET&user=a'),
      'PLAINSECRET',
      { kind: 'not-json', pointer: '', seen: '27 bytes of application/json' },
    ],
  ];

  it.each(hidden)('never shows %s', (_, contentType, body, secret, expected) => {
    const findings = checker.check('things', getThing!, { status: 200, contentType, body });
    expect(findings).toEqual([expect.objectContaining(expected)]);
    expect(JSON.stringify(findings)).not.toContain(secret);
  });
});
