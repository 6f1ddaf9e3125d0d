// The typed clients' per-call `headers` against real Prism: `Prefer: code=404` reaches the mock
// and the documented 404 comes back as the typed error; in the verifying mode the same calls,
// signed with the extra header on board, still verify (and a wrong secret still does not).
import { createAlibabaHbrClient } from '@cloud-backup-contracts/client/alibaba-hbr';
import { createHuaweiVbsClient } from '@cloud-backup-contracts/client/huawei-vbs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type RunningMock, startMock, type VerifyingCredentials } from '../src/index.ts';

const project = '0605767c3f00d5762fa8c0147ee18d02';
const shareId = 'e842bf23-1e05-4c2c-b0f9-25222f4686da';
const huaweiKey = { accessKeyId: 'HWHEADERSAK', secretAccessKey: 'huawei-headers-secret' };
const alibabaKey = { accessKeyId: 'LTAIheaders', accessKeySecret: 'alibaba-headers-secret' };
const credentials: VerifyingCredentials = { 'huawei-vbs': { aksk: [huaweiKey] }, 'alibaba-hbr': { aksk: [alibabaKey] } };
const statistics = { query: { SourceType: 'ECS_FILE' } } as const;
const prefer404 = { Prefer: 'code=404' };

type Urls = Record<'huawei-vbs' | 'alibaba-hbr', string>;

const huawei = (urls: Urls, secretAccessKey = huaweiKey.secretAccessKey) =>
  createHuaweiVbsClient({ baseUrl: urls['huawei-vbs'], projectId: project, retry: false, auth: { type: 'aksk', ...huaweiKey, secretAccessKey } });
const alibaba = (urls: Urls, type: 'acs3' | 'rpc-v2') => createAlibabaHbrClient({ baseUrl: urls['alibaba-hbr'], retry: false, auth: { type, ...alibabaKey } });

/** The status and kind of each call, in order. */
const outcomes = (results: { error?: { status?: number | undefined; kind: string } | undefined; response?: Response | undefined }[]) =>
  results.map(({ error, response }) => [response?.status, error?.kind]);

describe('Prefer through per-call headers, against the shared mock', () => {
  it('asks the documented 404 of each operation and gets the typed service error', async () => {
    const { urls } = inject('contractMock');
    const vbs = huawei(urls);
    const share = await vbs.getBackupShare({ path: { shared_id: shareId }, headers: prefer404 });
    expect(share.error).toMatchObject({ vendor: 'huawei', kind: 'service', status: 404, operationId: 'getBackupShare' });
    const hbr = await alibaba(urls, 'acs3').getBasicStatistics({ ...statistics, headers: prefer404 });
    expect(hbr.error).toMatchObject({ vendor: 'alibaba', kind: 'service', status: 404, operationId: 'getBasicStatistics' });
    // without the header, the same calls succeed
    expect((await vbs.getBackupShare({ path: { shared_id: shareId } })).error).toBeUndefined();
  });

  it('a status the operation does not document is refused by the mock, naming the header', async () => {
    const { urls } = inject('contractMock');
    const { error } = await huawei(urls).countBackupShares({ headers: { Prefer: 'code=418' } });
    expect(error).toMatchObject({ status: 400 });
    expect(JSON.stringify(error?.body)).toMatch(/Prefer: code=418 is not documented for countBackupShares/);
  });
});

describe('Prefer through per-call headers, against the verifying mock', () => {
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock({ ports: { 'huawei-vbs': 0, 'alibaba-hbr': 0 }, verifySignatures: true, credentials, readyTimeoutMs: 90_000 });
  }, 120_000);
  afterAll(() => mock?.stop());

  it('signed calls carrying the header verify, and get the 404 they asked for', async () => {
    const results = [
      await huawei(mock.urls).getBackupShare({ path: { shared_id: shareId }, headers: prefer404 }),
      await alibaba(mock.urls, 'acs3').getBasicStatistics({ ...statistics, headers: prefer404 }),
      await alibaba(mock.urls, 'rpc-v2').getBasicStatistics({ ...statistics, headers: prefer404 }),
    ];
    expect(outcomes(results)).toEqual([
      [404, 'service'],
      [404, 'service'],
      [404, 'service'],
    ]);
  });

  it('a wrong secret with the same header is still refused', async () => {
    const { error } = await huawei(mock.urls, 'not-the-secret').getBackupShare({ path: { shared_id: shareId }, headers: prefer404 });
    expect(error).toMatchObject({ status: 401 });
  });
});
