// The one router over a contract (src/router.ts), used by the front and the state layer:
// literal segments before parameters, the method included, parameters decoded; and what a model
// reads from a contract (src/state/model.ts), as pure functions.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { indexContract, type OpenApiDoc } from '../src/contract-index.js';
import { apiNames, bundledContractIndex, bundledContractPath, readContractIndex } from '../src/contracts.ts';
import { createRouter } from '../src/router.ts';
import { ModelSeedError, responseExamples as examplesIn } from '../src/state/model.ts';

const doc: OpenApiDoc = {
  paths: {
    '/v2/{project_id}/shares/{share_id}': { get: { operationId: 'getShare' }, delete: { operationId: 'cancelShare' } },
    '/v2/{project_id}/shares/detail': { get: { operationId: 'listShares' } },
    '/v2/{project_id}/shares': { post: { operationId: 'createShares' }, put: { operationId: 'putShares' } },
    '/v2/{project_id}/untitled': { get: {} },
    '/v2/{project_id}/absent': undefined,
    '/v2/{a}x/{b}': { get: { operationId: 'oddTemplate' } },
    '/v3/x{a}': { get: { operationId: 'oddPrefix' } },
  },
};
// built for each call, not at import: a mutation run switches a mutant on only while a test runs
const route = (method: string, path: string) => createRouter(indexContract(doc))(method, path);

describe('which operation a request is for', () => {
  it.each<[string, string, string, string | undefined, Record<string, string> | undefined]>([
    ['a literal segment wins over a parameter', 'GET', '/v2/p1/shares/detail', 'listShares', { project_id: 'p1' }],
    ['the parameter takes any other value', 'GET', '/v2/p1/shares/s-9', 'getShare', { project_id: 'p1', share_id: 's-9' }],
    ['another method on a literal path takes the parameter', 'DELETE', '/v2/p1/shares/detail', 'cancelShare', { project_id: 'p1', share_id: 'detail' }],
    ['parameters are percent-decoded', 'GET', '/v2/p%201/shares/a%2Fb', 'getShare', { project_id: 'p 1', share_id: 'a/b' }],
    ['the method must match', 'PATCH', '/v2/p1/shares/s-9', undefined, { project_id: 'p1', share_id: 's-9' }],
    ['the method is matched in capitals only', 'get', '/v2/p1/shares/s-9', undefined, { project_id: 'p1', share_id: 's-9' }],
    ['each method of a path has its operation', 'PUT', '/v2/p1/shares', 'putShares', { project_id: 'p1' }],
    ['an empty parameter gives no parameters', 'GET', '/v2//shares/s-9', 'getShare', undefined],
    ['an undecodable parameter gives no parameters', 'GET', '/v2/%E0%A4%A/shares/s-9', 'getShare', undefined],
    ['one segment more matches nothing', 'GET', '/v2/p1/shares/s-9/x', undefined, undefined],
    ['one segment less matches nothing', 'GET', '/v2/p1', undefined, undefined],
    ['a template part with text around a brace is a literal', 'GET', '/v2/p1x/b1', undefined, undefined],
    ['that literal part matches only itself', 'GET', '/v2/{a}x/b1', 'oddTemplate', { b: 'b1' }],
    ['text before a brace makes a literal too', 'GET', '/v3/xq', undefined, undefined],
    ['which matches only itself', 'GET', '/v3/x{a}', 'oddPrefix', {}],
  ])('%s: %s %s', (_what, method, path, operationId, params) => {
    const found = route(method, path);
    expect(found.operation?.operationId).toBe(operationId);
    expect(found.params).toEqual(params);
    if (found.operation) expect(found.operation).toMatchObject({ method, path: expect.stringMatching(/^\/v[23]\//) });
  });

  it('an operation without an operationId is routed all the same', () => {
    expect(route('GET', '/v2/p1/untitled').operation).toMatchObject({ method: 'GET', path: '/v2/{project_id}/untitled' });
    expect(route('GET', '/v2/p1/untitled').operation?.operationId).toBeUndefined();
  });

  it('names each parameter segment, even of a path that lacks the method', () => {
    expect(route('PATCH', '/v2/p1/shares/s-9').segmentNames).toEqual([undefined, 'project_id', undefined, 'share_id']);
    expect(route('GET', '/v2/{a}x/b1').segmentNames).toEqual([undefined, undefined, 'b']);
    expect(route('GET', '/v2/p1/nowhere').segmentNames).toEqual([]);
  });

  it('takes a path part as a parameter only when it is wholly {name}', () => {
    const files = createRouter(indexContract({ paths: { '/files/{name}.json': { get: { operationId: 'getFile' } } } }));
    expect(files('GET', '/files/report')).toEqual({ operation: undefined, params: undefined, segmentNames: [] });
    expect(files('GET', '/files/{name}.json')).toMatchObject({ operation: { operationId: 'getFile' }, params: {}, segmentNames: [undefined, undefined] });
  });

  it('a contract without paths, or none at all, matches nothing', () => {
    expect(createRouter(indexContract({}))('GET', '/v2/p1/shares/s-9')).toEqual({ operation: undefined, params: undefined, segmentNames: [] });
    expect(createRouter(undefined)('GET', '/x')).toEqual({ operation: undefined, params: undefined, segmentNames: [] });
  });
});

const responseExamples = (contract: OpenApiDoc, operationId: string, status: number) => examplesIn(indexContract(contract), operationId, status);

const examplesDoc: OpenApiDoc = {
  paths: {
    '/x': {
      get: {
        operationId: 'getX',
        responses: {
          '200': {
            content: {
              'application/json': { examples: { one: { value: { n: 1 } }, two: { $ref: '#/components/examples/Two' } } },
              'application/problem+json': { example: { n: 3 } },
              'text/plain': { example: 'not json' },
              'x-application/json': { example: { n: 4 } },
            },
          },
        },
      },
    },
  },
  components: { examples: { Two: { value: { n: 2 } } } },
};

describe('what a model reads from the contract', () => {
  it('the JSON examples of one response, named ones and $refs included, other media types left out', () => {
    expect(responseExamples(examplesDoc, 'getX', 200)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
  });

  it('a status the operation does not document has no examples', () => {
    expect(responseExamples(examplesDoc, 'getX', 404)).toEqual([]);
  });

  it.each([
    ['an operation the contract lacks', examplesDoc],
    ['a contract without paths', {}],
    ['a path item that is empty', { paths: { '/x': undefined } }],
  ])('%s is a ModelSeedError naming the operation', (_what, contract) => {
    expect(() => responseExamples(contract as OpenApiDoc, 'getY', 200)).toThrow(new ModelSeedError('the contract has no operation getY'));
    expect(() => responseExamples(contract as OpenApiDoc, 'getY', 200)).toThrow(ModelSeedError);
  });

  it('an operation without responses has no examples', () => {
    expect(responseExamples({ paths: { '/y': { get: { operationId: 'getY' } } } }, 'getY', 200)).toEqual([]);
  });
});

describe('the generated contract indexes', () => {
  it.each(apiNames)('%s: generated/indexes/ holds what the mock would read from the bundled contract now', (api) => {
    const doc = JSON.parse(readFileSync(bundledContractPath(api), 'utf8')) as OpenApiDoc;
    expect(bundledContractIndex(api)).toEqual(indexContract(doc));
    expect(readContractIndex(bundledContractPath(api))).toEqual(indexContract(doc));
  });
});
