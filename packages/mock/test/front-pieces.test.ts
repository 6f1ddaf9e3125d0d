// The front's pure pieces called directly over small hand-written contracts: the API-shaped
// error body (over the contract as src/contract-index.js reads it) and the Prefer check, at the
// edges the bundled contracts never reach (a YAML contract the front cannot read, arrays and
// dangling refs in examples).
import { describe, expect, it } from 'vitest';
import { indexContract, type OpenApiDoc } from '../src/contract-index.js';
import { errorBody } from '../src/error-body.ts';
import { checkPrefer } from '../src/front/checks.ts';
import { startFront } from '../src/front/front.ts';
import type { StateLayer } from '../src/state/layer.ts';
import { reasonsMessage, violationsOf } from '../src/front/violations.ts';
import { responseExamples } from '../src/state/model.ts';
import { exchangeOnWire } from './support/raw-http.ts';

const uuid = /^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/;
/** A contract with one GET operation whose 400 response documents `content`. */
const withBadRequest = (content: unknown, components: unknown = {}): OpenApiDoc =>
  ({ openapi: '3.0.3', components, paths: { '/x': { get: { operationId: 'getX', responses: { 400: { description: 'bad', content } } } } } }) as OpenApiDoc;
const example = (value: unknown) => ({ 'application/json': { example: value } });

describe('errorBody', () => {
  it.each<[string, OpenApiDoc | undefined]>([
    ['no contract (a YAML one the front cannot read)', undefined],
    ['a contract documenting no error example', withBadRequest(undefined)],
    ['an example without a message field', withBadRequest(example({ code: 'E1', detail: 'x' }))],
    ['a named example whose $ref leads nowhere', withBadRequest({ 'application/json': { examples: { gone: { $ref: '#/components/examples/gone' } } } })],
  ])('is { message } for %s', (_what, doc) => {
    expect(errorBody(doc && indexContract(doc), undefined, 400, 'refused')).toEqual({ message: 'refused' });
  });

  it('follows a $ref whose name escapes "/" and "~"', () => {
    const doc = {
      openapi: '3.0.3',
      components: { responses: { 'bad/request~v1': { description: 'bad', content: example({ error: { message: 'documented' } }) } } },
      paths: { '/x': { get: { operationId: 'getX', responses: { 400: { $ref: '#/components/responses/bad~1request~0v1' } } } } },
    } as unknown as OpenApiDoc;
    expect(errorBody(indexContract(doc), undefined, 400, 'refused')).toEqual({ error: { message: 'refused' } });
  });

  it('keeps the numbers, booleans and nulls of the example', () => {
    const doc = withBadRequest(example({ error: { message: 'documented', code: 7, retriable: false, detail: null } }));
    expect(errorBody(indexContract(doc), undefined, 400, 'refused')).toEqual({ error: { message: 'refused', code: 7, retriable: false, detail: null } });
  });

  it('places the message in an example that keeps its errors in a list, with a fresh request id', () => {
    const doc = withBadRequest(example({ errors: [{ code: 'E1', message: 'documented', request_id: 'req-1' }], trace: 'see req-1' }));
    const body = errorBody(indexContract(doc), undefined, 400, 'refused') as { errors: { code: string; message: string; request_id: string }[]; trace: string };
    expect(body.errors).toEqual([{ code: 'E1', message: 'refused', request_id: expect.stringMatching(uuid) }]);
    expect(body.trace).toBe(`see ${body.errors[0]!.request_id}`);
  });
});

describe('checkPrefer', () => {
  // getX documents examples ok and alt for 200, and gone for 404
  const named = (...names: string[]) => ({ 'application/json': { examples: Object.fromEntries(names.map((name) => [name, { value: { name } }])) } });
  const doc = {
    openapi: '3.0.3',
    paths: {
      '/x': {
        get: {
          operationId: 'getX',
          responses: { 200: { description: 'ok', content: named('ok', 'alt') }, 404: { description: 'no', content: named('gone') } },
        },
      },
    },
  } as unknown as OpenApiDoc;
  const getX = indexContract(doc).operations[0]!;
  const refused = (message: string) => ({ status: 400, message });

  type Against = 'no operation' | 'getX';
  it.each<[string, Against, ReturnType<typeof refused> | undefined]>([
    ['code', 'no operation', refused('Prefer: code= is not an HTTP status')],
    ['code=a200', 'getX', refused('Prefer: code=a200 is not an HTTP status')],
    ['code=2000', 'getX', refused('Prefer: code=2000 is not an HTTP status')],
    ['dynamic=yes', 'getX', refused('Prefer: dynamic=yes must be true or false')],
    ['code=201', 'no operation', undefined],
    ['code=201', 'getX', refused('Prefer: code=201 is not documented for getX (documented: 200, 404)')],
    ['code=200, example=gone', 'getX', refused('Prefer: example=gone names no example of getX for 200 (known: ok, alt)')],
    ['example=nope', 'getX', refused('Prefer: example=nope names no example of getX (known: ok, alt, gone)')],
    ['code=200; example=alt', 'getX', undefined],
    ['example=gone', 'getX', undefined],
    ['dynamic=true', 'getX', undefined],
  ])('%s against %s', (header, against, wanted) => {
    expect(checkPrefer(header, against === 'getX' ? getX : undefined)).toEqual(wanted);
  });
});

describe('reading a contract', () => {
  it('passes over path-item fields that are not operations, null ones included', () => {
    const doc = { openapi: '3.0.3', paths: { '/x': { 'x-note': null, summary: 'x', get: { operationId: 'getX' } } } } as unknown as OpenApiDoc;
    expect(indexContract(doc).operations).toEqual([{ method: 'GET', path: '/x', operationId: 'getX', examples: {}, jsonExamples: {}, errorBodies: {} }]);
    expect(responseExamples(indexContract(doc), 'getX', 200)).toEqual([]);
  });
});

describe("Prism's reasons", () => {
  const reason = { location: ['request', 'query', 'sourcetype'], code: 'enum', message: 'must be equal to one of the allowed values' };
  it.each<[string, string | undefined, string | undefined, unknown[]]>([
    ['from sl-violations', JSON.stringify([reason]), undefined, [reason]],
    ['from a problem+json validation list when the header does not parse', '[{', JSON.stringify({ validation: [reason] }), [reason]],
    [
      'from a problem title alone',
      undefined,
      JSON.stringify({ title: 'Invalid request' }),
      [{ location: ['request'], code: 'problem', message: 'Invalid request' }],
    ],
    [
      'from a problem title and detail',
      undefined,
      JSON.stringify({ title: 'Invalid request', detail: 'bad body' }),
      [{ location: ['request'], code: 'problem', message: 'Invalid request: bad body' }],
    ],
    ['none when neither parses', '[{', '<html>', []],
    ['none without either', undefined, undefined, []],
  ])('are read %s', (_what, header, problem, wanted) => {
    expect(violationsOf(header, problem)).toEqual(wanted);
  });

  it('are worded one per place, "request" and a default where Prism names none', () => {
    expect(reasonsMessage([reason, { code: 'x' }, { location: ['request'], message: 'is empty' }])).toBe(
      'query.sourcetype: must be equal to one of the allowed values; request: violates the contract; request: is empty',
    );
  });
});

describe('a verifier that fails', () => {
  it('gets a 500 in the API shape naming why, and the request goes no further', async () => {
    const front = await startFront({
      contract: indexContract(withBadRequest(example({ error: { code: 'E', message: 'documented' } }))),
      host: '127.0.0.1',
      port: 0,
      // nothing listens there: a request that went on would fail differently
      upstreamPort: 9,
      verifier: { verify: () => Promise.reject(new Error('the key store is down')) },
    });
    try {
      const response = await fetch(`http://127.0.0.1:${front.port}/x`);
      expect(response.status).toBe(500);
      expect(await response.json()).toEqual({ error: { code: 'E', message: 'the mock could not check the signature (the key store is down)' } });
    } finally {
      await front.close();
    }
  });
});

describe('a step that throws', () => {
  it('gets a 500 in the API shape naming why, and the front answers the next request the same way', async () => {
    const throwing = { serveReset: async () => false, claim: async () => Promise.reject(new Error('a bug in a step')) };
    const front = await startFront({
      contract: indexContract(withBadRequest(example({ error: { code: 'E', message: 'documented' } }))),
      host: '127.0.0.1',
      port: 0,
      upstreamPort: 9,
      state: throwing as unknown as StateLayer,
    });
    try {
      for (let attempt = 0; attempt < 2; attempt++) {
        const response = await fetch(`http://127.0.0.1:${front.port}/x`);
        expect(response.status).toBe(500);
        expect(await response.json()).toEqual({ error: { code: 'E', message: 'the mock failed on this request (a bug in a step)' } });
      }
    } finally {
      await front.close();
    }
  });
});

describe('an upstream that is gone', () => {
  it('ends the connection without an answer, and the front answers the next request the same way', async () => {
    // port 9 (discard): nothing listens on it here, as after Prism has died
    const front = await startFront({ contract: indexContract(withBadRequest(undefined)), host: '127.0.0.1', port: 0, upstreamPort: 9 });
    try {
      for (let attempt = 0; attempt < 2; attempt++) {
        await expect(fetch(`http://127.0.0.1:${front.port}/x`)).rejects.toMatchObject({ cause: { code: 'UND_ERR_SOCKET' } });
      }
    } finally {
      await front.close();
    }
  });
});

describe('bytes that are not HTTP', () => {
  // the front is started inside the test: one started before it would be listening already
  // when a mutation run switches its mutant on
  it('are refused on the wire in the API shape, by a front of their own', async () => {
    const front = await startFront({
      contract: indexContract(withBadRequest(example({ error: { code: 'E', message: 'documented' } }))),
      host: '127.0.0.1',
      port: 0,
      upstreamPort: 9,
    });
    try {
      const answer = await exchangeOnWire(`http://127.0.0.1:${front.port}`, 'FOO / HTTP/1.1\r\nHost: x\r\n\r\n');
      const [head, body] = answer.split('\r\n\r\n');
      expect(head!.split('\r\n')[0]).toBe('HTTP/1.1 405 Refused');
      expect(JSON.parse(body!)).toEqual({ error: { code: 'E', message: 'the HTTP method is not supported' } });
    } finally {
      await front.close();
    }
  });
});
