// The published bin with --dynamic: Prism generates each response from the schemas instead of
// returning the contract's examples. Over many calls of every operation, each generated
// success body must still validate against its schema, and the bodies must really vary.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiName } from '../src/index.ts';
import { type AuthFlavour, authFlavours, callOperation, createClient } from './support/clients.ts';
import { freePort, killLeftovers, runCli, type CliRun } from './support/cli.ts';
import { exampleInput, loadContract, responseSchemaPointer, schemaErrors } from './support/contract.ts';
import { type MockEndpoints, MockGuard } from './support/mock-guard.ts';

const callsPerOperation = 40;
const apis: ApiName[] = ['huawei-vbs', 'alibaba-hbr'];
const urlLines = /huawei-vbs {2}(http:\/\/\S+)\nalibaba-hbr (http:\/\/\S+)\n/;

let cli: CliRun;
let endpoints: MockEndpoints;
let guard: MockGuard;

beforeAll(async () => {
  const ports = { 'huawei-vbs': await freePort(), 'alibaba-hbr': await freePort() };
  cli = runCli(['--dynamic', '--port', `huawei-vbs=${ports['huawei-vbs']}`, '--port', `alibaba-hbr=${ports['alibaba-hbr']}`, '--ready-timeout', '90']);
  const [, huaweiUrl, alibabaUrl] = await cli.waitFor(urlLines, 100_000);
  endpoints = { urls: { 'huawei-vbs': huaweiUrl!, 'alibaba-hbr': alibabaUrl! }, ports };
  guard = new MockGuard(endpoints, () =>
    cli.child.exitCode === null && cli.child.signalCode === null ? undefined : { message: `the mock exited\n${cli.stderr()}` },
  );
}, 120_000);
afterAll(() => killLeftovers());

const cases = apis.flatMap((api) =>
  loadContract(api).operations.flatMap((operation) =>
    authFlavours[api].map((auth) => [`${operation.operationId} (${auth})`, { api, operation, auth }] as const),
  ),
);

describe('cloud-backup-mock --dynamic', { timeout: 120_000 }, () => {
  it.each(cases)(`%s: ${callsPerOperation} generated success bodies, each valid against the schema`, async (_name, { api, operation, auth }) => {
    const contract = loadContract(api);
    const client = createClient(endpoints, guard, auth as AuthFlavour);
    const success = operation.statuses.find((status) => status >= 200 && status < 300)!;
    const schema = responseSchemaPointer(contract, operation, success);
    const bodies = new Set<string>();
    for (let call = 0; call < callsPerOperation; call++) {
      const { data, error, response } = await guard.call(api, () => callOperation(client, operation.operationId, exampleInput(operation)));
      expect(response?.status).toBe(success);
      // Alibaba documents a 200 whose Success is false as a failure, and the schema admits it:
      // the client reports it as 'unsuccessful', and its body is still a 200 body
      const unsuccessful = error?.kind === 'unsuccessful' && error.status === success;
      if (unsuccessful) expect(api).toBe('alibaba-hbr');
      else expect(error, error ? String(error) : '').toBeUndefined();
      const body = unsuccessful ? error.body : data;
      if (!schema) {
        expect(body).toBeUndefined();
        continue;
      }
      expect(schemaErrors(contract, schema, body), JSON.stringify(body)).toEqual([]);
      bodies.add(JSON.stringify(body));
    }
    // generated, not the one example: nearly every body differs
    if (schema) expect(bodies.size).toBeGreaterThan(callsPerOperation / 2);
  });
});
