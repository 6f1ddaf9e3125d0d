// The sample generator on a small made-up contract: what each sample holds, and the clear error
// for what it cannot write a sample from.
import { describe, expect, it } from 'vitest';
import { codeSamplesOf, withCodeSamples } from '../scripts/code-samples.mjs';

const api = {
  name: 'demo-things',
  label: 'Demo things',
  title: 'Demo things reference',
  root: '/nowhere/openapi.yaml',
  bundle: '/nowhere/openapi.json',
  client: 'createDemoThingsClient',
  mock: { port: 4099, flag: 'things' },
  samples: { client: { tenant: 't-1', apiKey: 'mock-key' }, credentials: { key: 'mock-key' }, note: 'The plain mock takes any key.' },
};

function contract() {
  const ok = { description: 'ok', content: { 'application/json': { schema: { type: 'object' }, example: {} } } };
  return {
    openapi: '3.1.0',
    info: { title: 'Demo', version: '1' },
    security: [{ key: [] }],
    components: { securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'x-api-key' } } },
    paths: {
      '/v1/{tenant}/things/{id}': {
        parameters: [{ name: 'tenant', in: 'path', required: true, 'x-client-filled': true, schema: { type: 'string' }, example: 't-1' }],
        get: {
          operationId: 'getThing',
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string' }, example: 'a b' },
            { name: 'verbose', in: 'query', schema: { type: 'boolean' }, example: true },
            { name: 'page', in: 'query', schema: { type: 'integer' } },
          ],
          responses: { '200': ok },
        },
        put: {
          operationId: 'replaceThing',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' }, example: 'x' }],
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' }, example: { name: "it's" } } } },
          responses: { '200': ok },
        },
        delete: {
          operationId: 'deleteThing',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' }, example: 'x' }],
          responses: { '204': { description: 'gone' } },
        },
      },
    },
  } as any;
}

const samplesOf = (doc = contract(), entry: any = api) => Object.fromEntries(codeSamplesOf(doc, entry).map((op) => [op.operationId, op]));

describe('the code sample generator', () => {
  it("writes a TypeScript module that calls the operation's method with its examples, leaving out what the client fills in", () => {
    const { source } = samplesOf().getThing!.typescript;
    expect(source).toContain("import { createDemoThingsClient } from '@cloud-backup-contracts/client/demo-things';");
    expect(source).toContain("baseUrl: 'http://127.0.0.1:4099'");
    expect(source).toContain("tenant: 't-1'");
    expect(source).toContain("await client.getThing({ path: { id: 'a b' }, query: { verbose: true } });");
    expect(source).toMatch(/if \(error\) \{\n.*\n {2}if \(error\.kind === 'service'\)/);
  });

  it('writes a curl command that sends everything on the wire: client-filled values, encoded path, the credential placeholder', () => {
    const { source } = samplesOf().getThing!.curl;
    expect(source).toBe(
      "# The plain mock takes any key.\ncurl -sS --fail-with-body 'http://127.0.0.1:4099/v1/t-1/things/a%20b?verbose=true' \\\n  -H 'x-api-key: mock-key'\n",
    );
  });

  it('quotes a body for TypeScript and for the shell', () => {
    const { typescript, curl } = samplesOf().replaceThing!;
    expect(typescript.source).toContain("body: { name: 'it\\'s' }");
    expect(curl.source).toContain(`-X PUT`);
    expect(curl.source).toContain(`-H 'Content-Type: application/json'`);
    expect(curl.source).toContain(`--data '{"name":"it'\\''s"}'`);
  });

  it('prints the status of an operation whose success has no body', () => {
    expect(samplesOf().deleteThing!.typescript.source).toContain('console.log(response.status);');
  });

  it('puts both samples under x-codeSamples of a copy, TypeScript first, leaving the contract as it was', () => {
    const doc = contract();
    const copy = withCodeSamples(doc, api);
    expect(copy.paths['/v1/{tenant}/things/{id}'].get['x-codeSamples'].map((s: { label: string }) => s.label)).toEqual(['TypeScript', 'curl']);
    expect(doc.paths['/v1/{tenant}/things/{id}'].get['x-codeSamples']).toBeUndefined();
  });

  const refused: [string, () => unknown, RegExp][] = [
    [
      'an API without samples settings',
      () => samplesOf(contract(), { ...api, samples: undefined }),
      /apis\.demo-things\.x-registry\.samples must be a mapping/,
    ],
    [
      'a contract whose security has no placeholder',
      () => samplesOf(contract(), { ...api, samples: { ...api.samples, credentials: { other: 'x' } } }),
      /apis\.demo-things\.x-registry\.samples\.credentials needs a placeholder for key/,
    ],
    [
      'a required parameter without an example',
      () => {
        const doc = contract();
        delete doc.paths['/v1/{tenant}/things/{id}'].get.parameters[0].example;
        return samplesOf(doc);
      },
      /demo-things getThing: required parameter path:id has no example/,
    ],
    [
      'a required body without an example',
      () => {
        const doc = contract();
        delete doc.paths['/v1/{tenant}/things/{id}'].put.requestBody.content['application/json'].example;
        return samplesOf(doc);
      },
      /demo-things replaceThing: the request body has no example/,
    ],
  ];
  it.each(refused)('refuses %s, naming what is missing', (_what, generate, message) => {
    expect(generate).toThrow(message);
  });
});
