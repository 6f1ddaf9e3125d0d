// What the state layer reads from a contract, as pure functions: which of a model's operations a
// request is for (literal segments before parameters, the method included, parameters decoded),
// and an operation's documented JSON examples.
import { describe, expect, it } from 'vitest';
import type { OpenApiDoc } from '../src/front/routes.ts';
import { operationById, responseExamples } from '../src/state/contract-reader.ts';
import { ModelSeedError } from '../src/state/model.ts';
import { operationMatcher } from '../src/state/operation-match.ts';

const doc: OpenApiDoc = {
  paths: {
    '/v2/{project_id}/shares/{share_id}': { get: { operationId: 'getShare' }, delete: { operationId: 'cancelShare' } },
    '/v2/{project_id}/shares/detail': { get: { operationId: 'listShares' } },
    '/v2/{project_id}/shares': { post: { operationId: 'createShares' }, put: { operationId: 'notModelled' } },
    '/v2/{project_id}/untitled': { get: {} as never },
    '/v2/{project_id}/absent': undefined,
    '/v2/{a}x/{b}': { get: { operationId: 'oddTemplate' } },
    '/v3/x{a}': { get: { operationId: 'oddPrefix' } },
  },
};
// built for each call, not at import: a mutation run switches a mutant on only while a test runs
const match = (method: string, path: string) =>
  operationMatcher(doc, new Set(['getShare', 'cancelShare', 'listShares', 'createShares', 'oddTemplate', 'oddPrefix']))(method, path);

describe('which modelled operation a request is for', () => {
  it.each<[string, string, string, { operationId: string; params: Record<string, string> } | undefined]>([
    ['a literal segment wins over a parameter', 'GET', '/v2/p1/shares/detail', { operationId: 'listShares', params: { project_id: 'p1' } }],
    ['the parameter takes any other value', 'GET', '/v2/p1/shares/s-9', { operationId: 'getShare', params: { project_id: 'p1', share_id: 's-9' } }],
    [
      'another method on a literal path takes the parameter',
      'DELETE',
      '/v2/p1/shares/detail',
      { operationId: 'cancelShare', params: { project_id: 'p1', share_id: 'detail' } },
    ],
    ['parameters are percent-decoded', 'GET', '/v2/p%201/shares/a%2Fb', { operationId: 'getShare', params: { project_id: 'p 1', share_id: 'a/b' } }],
    ['the method must match', 'PATCH', '/v2/p1/shares/s-9', undefined],
    ['the method is matched in capitals only', 'get', '/v2/p1/shares/s-9', undefined],
    ['an operation the model does not answer is not matched', 'PUT', '/v2/p1/shares', undefined],
    ['an empty parameter matches nothing', 'GET', '/v2//shares/s-9', undefined],
    ['an undecodable parameter matches nothing', 'GET', '/v2/%E0%A4%A/shares/s-9', undefined],
    ['one segment more matches nothing', 'GET', '/v2/p1/shares/s-9/x', undefined],
    ['one segment less matches nothing', 'GET', '/v2/p1', undefined],
    ['a template part with text around a brace is a literal', 'GET', '/v2/p1x/b1', undefined],
    ['that literal part matches only itself', 'GET', '/v2/{a}x/b1', { operationId: 'oddTemplate', params: { b: 'b1' } }],
    ['text before a brace makes a literal too', 'GET', '/v3/xq', undefined],
    ['which matches only itself', 'GET', '/v3/x{a}', { operationId: 'oddPrefix', params: {} }],
  ])('%s: %s %s', (_what, method, path, expected) => {
    const found = match(method, path);
    expect(found && { operationId: found.operationId, params: found.params }).toEqual(expected);
    if (found)
      expect(found.operation).toBe(
        Object.values(doc.paths!)
          .flatMap((item) => Object.values(item ?? {}))
          .find((op) => op.operationId === found.operationId),
      );
  });

  it('a contract without paths matches nothing', () => {
    expect(operationMatcher({}, new Set(['getShare']))('GET', '/v2/p1/shares/s-9')).toBeUndefined();
  });
});

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
    expect(() => operationById(contract as OpenApiDoc, 'getY')).toThrow(new ModelSeedError('the contract has no operation getY'));
    expect(() => operationById(contract as OpenApiDoc, 'getY')).toThrow(ModelSeedError);
  });

  it('an operation without responses has no examples', () => {
    expect(responseExamples({ paths: { '/y': { get: { operationId: 'getY' } } } }, 'getY', 200)).toEqual([]);
  });
});
