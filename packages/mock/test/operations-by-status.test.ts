// Every operation x every status the bundles document, called through the typed client with
// valid input and `Prefer: code=N`: successes carry data that matches the 200 schema, errors
// arrive as CloudApiError with the right status and kind and a body matching that status's schema.
import { CloudApiError } from '@cloud-backup-contracts/client';
import { afterAll, describe, expect, it } from 'vitest';
import type { ApiName } from '../src/index.ts';
import { authFlavours, callOperation, preferring, suiteMock } from './support/clients.ts';
import { exampleInput, loadContract, responseSchemaPointer, schemaErrors } from './support/contract.ts';
import { replay } from './support/raw-http.ts';

const mock = suiteMock();
const apis: ApiName[] = ['huawei-vbs', 'alibaba-hbr'];
// status -> the error the client must report for the mock's answer, written out from the
// contract's examples: Huawei's API gateway (APIG.*) answers 401 and 403, the service the rest
const expectedErrors: Record<ApiName, Record<number, { kind: string; code: string }>> = {
  'huawei-vbs': {
    400: { kind: 'service', code: 'VolumeBackup.0002' },
    401: { kind: 'gateway', code: 'APIG.0301' },
    403: { kind: 'gateway', code: 'APIG.0302' },
    // OpenStack-style bodies carry the status as an integer code, which the client reads as a string
    404: { kind: 'service', code: '404' },
    405: { kind: 'service', code: '405' },
    406: { kind: 'service', code: '406' },
    408: { kind: 'service', code: '408' },
    409: { kind: 'service', code: '409' },
    500: { kind: 'service', code: 'common.0011' },
    501: { kind: 'service', code: '501' },
    502: { kind: 'service', code: '502' },
    503: { kind: 'service', code: 'VolumeBackup.0900' },
    504: { kind: 'service', code: '504' },
  },
  'alibaba-hbr': {
    400: { kind: 'service', code: 'MissingParameter' },
    403: { kind: 'service', code: 'Forbidden.RAM' },
    404: { kind: 'service', code: 'InvalidAction.NotFound' },
    429: { kind: 'service', code: 'Throttling.User' },
    500: { kind: 'service', code: 'InternalError' },
    503: { kind: 'service', code: 'ServiceUnavailable' },
  },
};

const proxyAuthNotes = new Set<string>();
/** (operation, status) pairs that passed, per API */
const covered = new Map<ApiName, Set<string>>(apis.map((api) => [api, new Set()]));

describe.each(apis)('%s: every operation x every documented status', (api) => {
  const contract = loadContract(api);
  const cases = contract.operations.flatMap((operation) =>
    operation.statuses.flatMap((status) =>
      authFlavours[api].map((auth) => [`${operation.operationId} ${status} (${auth})`, { operation, status, auth }] as const),
    ),
  );

  it('documents operations and statuses to cover', () => {
    expect(contract.operations.length).toBeGreaterThan(0);
    for (const operation of contract.operations) expect(operation.statuses).toContain(200);
  });

  it.each(cases)('%s', async (_name, { operation, status, auth }) => {
    const client = mock.client(auth);
    const { result, sent } = await preferring(status, () => mock.guard.call(api, () => callOperation(client, operation.operationId, exampleInput(operation))));
    const schema = responseSchemaPointer(contract, operation, status);

    if (status === 407) {
      // The Fetch standard (Node's fetch included) turns any 407 into a network error, so no
      // fetch-based client can see this status: the client reports a transport failure...
      expect(result.error).toBeInstanceOf(CloudApiError);
      expect(result.error?.kind).toBe('network');
      expect(result.error?.status).toBeUndefined();
      // ...while the very request it sent, replayed over node:http, gets the documented 407
      expect(sent).toHaveLength(1);
      const raw = await replay(sent[0]!);
      expect(raw.status).toBe(407);
      expect(schemaErrors(contract, schema!, JSON.parse(raw.body))).toEqual([]);
      proxyAuthNotes.add(`${api} ${operation.operationId}`);
    } else if (status >= 200 && status < 300) {
      expect(result.error, result.error ? String(result.error) : '').toBeUndefined();
      expect(result.response?.status).toBe(status);
      if (schema) {
        expect(result.data).toBeDefined();
        expect(schemaErrors(contract, schema, result.data)).toEqual([]);
      } else {
        // note: the contract declares no body for this success (cancelBackupShare)
        expect(result.data).toBeUndefined();
      }
    } else {
      expect(result.data).toBeUndefined();
      expect(result.error).toBeInstanceOf(CloudApiError);
      const error = result.error!;
      expect(error.status).toBe(status);
      expect({ kind: error.kind, code: error.code }).toEqual(expectedErrors[api][status]);
      expect(error.vendor).toBe(api === 'huawei-vbs' ? 'huawei' : 'alibaba');
      expect(error.operationId).toBe(operation.operationId);
      expect(error.attempts).toBe(1);
      expect(schema, `the ${status} response of ${operation.operationId} has a JSON body`).toBeDefined();
      expect(schemaErrors(contract, schema!, error.body)).toEqual([]);
      if (api === 'alibaba-hbr') expect(error.requestId).toBe((error.body as Record<string, unknown>).RequestId);
    }
    covered.get(api)!.add(`${operation.operationId} ${status}`);
  });
});

afterAll(() => {
  const lines: string[] = [];
  const short: string[] = [];
  for (const api of apis) {
    const contract = loadContract(api);
    const total = contract.operations.reduce((sum, operation) => sum + operation.statuses.length, 0);
    const done = covered.get(api)!.size;
    lines.push(`contract coverage ${api}: ${done}/${total} operation×status (${Math.floor((done / total) * 100)}%)`);
    if (done < total) {
      const missing = contract.operations.flatMap((o) => o.statuses.map((s) => `${o.operationId} ${s}`)).filter((pair) => !covered.get(api)!.has(pair));
      short.push(`${api} is missing ${missing.join(', ')}`);
    }
  }
  if (proxyAuthNotes.size > 0)
    lines.push(
      `note: 407 reaches fetch-based clients as kind 'network' (Fetch standard); the mock's 407 body was checked over node:http for ${proxyAuthNotes.size} operation(s)`,
    );
  console.log(lines.join('\n'));
  expect(short, 'every documented operation×status must be exercised and pass').toEqual([]);
});
