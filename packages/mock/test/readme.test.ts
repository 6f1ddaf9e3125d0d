// The README's first curl requests, sent as written (parsed, then sent with node:http) to a
// plain mock started as the README starts it: each must answer 200 with a contract-valid body.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiName, apiNames, defaultPorts, type RunningMock, startMock } from '../dist/index.js';
import { loadContract, responseSchemaPointer, schemaErrors } from './support/contract.js';
import { sendRaw } from './support/raw-http.js';
import { parseCurl, readmeCurlLines, readmeMockUrls } from './support/readme-curl.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const requests = readmeCurlLines(readme).map(parseCurl);
const printed = readmeMockUrls(readme);
let mock: RunningMock;

beforeAll(async () => {
  // plain: no --errors, no --verify-signatures, as `npx @cloud-backup-contracts/mock` runs it
  mock = await startMock({ ports: { 'huawei-vbs': 0, 'alibaba-hbr': 0 }, readyTimeoutMs: 90_000 });
}, 120_000);
afterAll(async () => {
  await mock?.stop();
});

/** The contract operation a method and path belong to; a literal segment wins over a template (OpenAPI's rule). */
function operationFor(api: ApiName, method: string, path: string) {
  const templated = (template: string) => template.split('{').length;
  const matches = loadContract(api)
    .operations.filter((operation) => {
      const template = new RegExp(`^${operation.path.replace(/\{[^}]+\}/g, '[^/]+')}$`);
      return operation.method.toUpperCase() === method && template.test(path);
    })
    .sort((a, b) => templated(a.path) - templated(b.path));
  expect(matches.length, `${method} ${path} in ${api}`).toBeGreaterThan(0);
  return matches[0]!;
}

describe('the README opens with curl requests that work against a just-started mock', () => {
  it('shows the URLs the mock prints with its default ports', () => {
    expect([...printed.entries()]).toEqual(apiNames.map((api) => [`http://127.0.0.1:${defaultPorts[api]}`, api]));
  });

  it('has a Huawei count, a Huawei list and an Alibaba GetBasicStatistics', () => {
    const operations = requests.map((request) => {
      const url = new URL(request.url);
      return operationFor(printed.get(url.origin) as ApiName, request.method, url.pathname).operationId;
    });
    expect(operations).toEqual(['countBackupShares', 'listBackupShareDetails', 'getBasicStatistics']);
  });

  it.each(requests.map((request) => [request.line, request] as const))('%s answers 200 with a body the contract allows', async (_line, request) => {
    const url = new URL(request.url);
    const api = printed.get(url.origin) as ApiName;
    expect(api, `${url.origin} is not one of the URLs the README shows`).toBeDefined();
    // the README's default port, swapped for the one this run's mock got
    const target = `${mock.urls[api]}${url.pathname}${url.search}`;
    const response = await sendRaw({ method: request.method, url: target, headers: request.headers });
    expect(response.status, response.body).toBe(200);
    const contract = loadContract(api);
    const pointer = responseSchemaPointer(contract, operationFor(api, request.method, url.pathname), 200)!;
    expect(schemaErrors(contract, pointer, JSON.parse(response.body))).toEqual([]);
  });
});
