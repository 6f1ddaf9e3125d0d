// Each documented error example the contracts name, asked of the mock with `Prefer: code=N,
// example=NAME` through the typed client: the client reads it as the service's (or gateway's)
// error with the code the example carries; an integer code (OpenStack-style) reads as a string.
import { CloudApiError } from '@cloud-backup-contracts/client';
import { describe, expect, it } from 'vitest';
import { type AuthFlavour, callOperation, suiteMock } from './support/clients.ts';

const mock = suiteMock();

interface Case {
  auth: AuthFlavour;
  operationId: string;
  input: Record<string, unknown>;
  prefer: string;
  want: { status: number; kind: string; code: string; body: Record<string, unknown> };
}

const count = { auth: 'token', operationId: 'countBackupShares', input: {} } as const;
const statistics = { auth: 'acs3', operationId: 'getBasicStatistics', input: { query: { SourceType: 'ECS_FILE' } } } as const;

// the codes are written out from the contracts' examples, not read from them
const cases: [string, Case][] = [
  [
    'huawei 404: the OpenStack-style body, its integer code as a string',
    { ...count, prefer: 'code=404', want: { status: 404, kind: 'service', code: '404', body: { itemNotFound: { code: 404 } } } },
  ],
  [
    'huawei 400 integerCode: the OpenStack-style body, its integer code as a string',
    { ...count, prefer: 'code=400, example=integerCode', want: { status: 400, kind: 'service', code: '400', body: { badRequest: { code: 400 } } } },
  ],
  [
    'huawei 400 backupIdFormat: an appendix code',
    {
      ...count,
      prefer: 'code=400, example=backupIdFormat',
      want: { status: 400, kind: 'service', code: 'VolumeBackup.0204', body: { badRequest: { code: 'VolumeBackup.0204' } } },
    },
  ],
  [
    'huawei 403 serviceRights: the service refuses, not the gateway',
    {
      ...count,
      prefer: 'code=403, example=serviceRights',
      want: { status: 403, kind: 'service', code: 'VolumeBackup.0042', body: { forbidden: { code: 'VolumeBackup.0042' } } },
    },
  ],
  [
    'huawei 409: the OpenStack-style conflict',
    { ...count, prefer: 'code=409', want: { status: 409, kind: 'service', code: '409', body: { conflictingRequest: { code: 409 } } } },
  ],
  [
    'huawei 503: the appendix code for an unavailable service',
    { ...count, prefer: 'code=503', want: { status: 503, kind: 'service', code: 'VolumeBackup.0900', body: { error: { code: 'VolumeBackup.0900' } } } },
  ],
  [
    'alibaba 400 ThrottlingUser: throttling under the status the common table gives',
    {
      ...statistics,
      prefer: 'code=400, example=ThrottlingUser',
      want: { status: 400, kind: 'service', code: 'Throttling.User', body: { Code: 'Throttling.User' } },
    },
  ],
  [
    'alibaba 403 ServiceNotActivated',
    {
      ...statistics,
      prefer: 'code=403, example=ServiceNotActivated',
      want: { status: 403, kind: 'service', code: 'ServiceNotActivated', body: { Code: 'ServiceNotActivated' } },
    },
  ],
];

describe('documented error examples, read by the client', () => {
  it.each(cases)('%s', async (_name, { auth, operationId, input, prefer, want }) => {
    const api = auth === 'token' ? 'huawei-vbs' : 'alibaba-hbr';
    // note: no retries, so a retryable status (503) is asked for once
    const call = { ...input, headers: { Prefer: prefer }, retry: false as const };
    const result = await mock.guard.call(api, () => callOperation(mock.client(auth), operationId, call));
    expect(result.data).toBeUndefined();
    expect(result.error).toBeInstanceOf(CloudApiError);
    expect(result.error).toMatchObject({ status: want.status, kind: want.kind, code: want.code, operationId });
    expect(result.error?.body as object).toMatchObject(want.body);
  });
});
