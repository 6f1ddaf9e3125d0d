// The published client's credentials features against the verifying mode (fronts in this
// process with the real verifiers, in front of the suite's real Prism): temporary credentials
// of both clouds accepted, a missing or wrong token refused in the vendor's shape, keys rotated
// by a provider in the middle of a page walk while the mock drops the old key, 50 concurrent
// calls sharing one refresh, and a client clock 20 minutes off corrected for every scheme.
import { type AlibabaAuth, createAlibabaHbrClient } from '@cloud-backup-contracts/client/alibaba-hbr';
import { createHuaweiVbsClient, type HuaweiAuth } from '@cloud-backup-contracts/client/huawei-vbs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { VerifyingCredentials } from '../src/credentials.ts';
import { type Fronts, startFronts } from './support/fronts.ts';

const project = '0605767c3f00d5762fa8c0147ee18d02';
const huaweiOld = { accessKeyId: 'HWOLDAK0000000000001', secretAccessKey: 'hw-old-secret' };
const huaweiNew = { accessKeyId: 'HWNEWAK0000000000002', secretAccessKey: 'hw-new-secret' };
const huaweiTemporary = { accessKeyId: 'HWTEMPAK000000000003', secretAccessKey: 'hw-temp-secret', securityToken: 'hw-temp/token+1==' };
const alibabaSts = { accessKeyId: 'STS.credtest', accessKeySecret: 'sts-credtest-secret', securityToken: 'sts/credtest+token==' };
const credentials: VerifyingCredentials = {
  'huawei-vbs': { aksk: [huaweiOld, huaweiNew, huaweiTemporary] },
  'alibaba-hbr': { aksk: [alibabaSts] },
};
const minutes = (n: number) => n * 60_000;
const statistics = { query: { SourceType: 'ECS_FILE' } } as const;

let mock: Fronts;
const refusals: string[] = [];
beforeAll(async () => {
  mock = await startFronts({ credentials, stateful: true, onRefusal: (_api, reason) => refusals.push(reason) });
});
afterAll(() => mock?.close());
beforeEach(() => {
  refusals.length = 0;
  mock.setCredentials(credentials);
  mock.reset();
});

const huawei = (auth: HuaweiAuth, clockOffsetMs?: number) =>
  createHuaweiVbsClient({ baseUrl: mock.urls['huawei-vbs'], projectId: project, auth, retry: false, ...(clockOffsetMs ? { clockOffsetMs } : {}) });
const alibaba = (auth: AlibabaAuth, clockOffsetMs?: number) =>
  createAlibabaHbrClient({ baseUrl: mock.urls['alibaba-hbr'], auth, retry: false, ...(clockOffsetMs ? { clockOffsetMs } : {}) });

describe('temporary credentials in the verifying mode', () => {
  it.each([
    ['Huawei AK/SK with its security token', () => huawei({ type: 'aksk', ...huaweiTemporary }).listBackupShareDetails()],
    ['Huawei AK/SK from a provider', () => huawei({ type: 'aksk', provider: async () => huaweiTemporary }).listBackupShareDetails()],
    ['Alibaba ACS3 with its STS token', () => alibaba({ type: 'acs3', ...alibabaSts }).getBasicStatistics(statistics)],
    ['Alibaba RPC V2 with its STS token', () => alibaba({ type: 'rpc-v2', ...alibabaSts }).getBasicStatistics(statistics)],
  ])('%s is accepted', async (_what, call) => {
    const { error } = await call();
    expect(error).toBeUndefined();
    expect(refusals).toEqual([]);
  });

  it.each([
    [
      'Huawei without its security token',
      () => huawei({ type: 'aksk', accessKeyId: huaweiTemporary.accessKeyId, secretAccessKey: huaweiTemporary.secretAccessKey }).listBackupShareDetails(),
      { kind: 'gateway', status: 401, code: 'APIG.0301' },
      `${huaweiTemporary.accessKeyId} is a temporary access key, so the request must carry its X-Security-Token`,
    ],
    [
      'Huawei with another security token',
      () => huawei({ type: 'aksk', ...huaweiTemporary, securityToken: 'someone-else' }).listBackupShareDetails(),
      { kind: 'gateway', status: 401, code: 'APIG.0301' },
      `the X-Security-Token does not belong to the access key ${huaweiTemporary.accessKeyId}`,
    ],
    [
      'Alibaba ACS3 without its STS token',
      () => alibaba({ type: 'acs3', accessKeyId: alibabaSts.accessKeyId, accessKeySecret: alibabaSts.accessKeySecret }).getBasicStatistics(statistics),
      { kind: 'service', status: 400, code: 'InvalidSecurityToken.MismatchWithAccessKey' },
      'must carry its x-acs-security-token',
    ],
    [
      'Alibaba RPC V2 with another STS token',
      () => alibaba({ type: 'rpc-v2', ...alibabaSts, securityToken: 'someone-else' }).getBasicStatistics(statistics),
      { kind: 'service', status: 400, code: 'InvalidSecurityToken.MismatchWithAccessKey' },
      'the SecurityToken does not belong to',
    ],
  ])('%s is refused in the vendor shape', async (_what, call, facts, reason) => {
    const { error } = await call();
    expect(error).toMatchObject(facts);
    expect(refusals.join('\n')).toContain(reason);
    for (const secret of [huaweiTemporary.securityToken, alibabaSts.securityToken]) expect(refusals.join('\n')).not.toContain(secret);
  });
});

describe('keys rotated by a provider', () => {
  it('in the middle of a page walk, while the mock drops the old key', async () => {
    const shared = { backup_id: '066b1e37-9305-4057-97e5-2e99b21fc71d', to_project_ids: ['project-a', 'project-b', 'project-c'] };
    expect((await huawei({ type: 'aksk', ...huaweiOld }).createBackupShares({ body: { shared } })).error).toBeUndefined();
    let keys = huaweiOld;
    const asked: string[] = [];
    const client = huawei({
      type: 'aksk',
      provider: () => {
        asked.push(keys.accessKeyId);
        return keys;
      },
    });
    const pages: (string | undefined)[] = [];
    for await (const page of client.pages.listBackupShareDetails({}, { pageSize: 1 })) {
      pages.push(page.error?.code);
      if (pages.length === 1) {
        // the rotation: the mock holds only the new key from now on, and the provider gives it
        mock.setCredentials({ 'huawei-vbs': { aksk: [huaweiNew] } });
        keys = huaweiNew;
      }
    }
    expect(pages.length).toBeGreaterThan(2);
    expect(pages.every((code) => code === undefined)).toBe(true);
    expect(asked).toEqual([huaweiOld.accessKeyId, ...Array.from({ length: pages.length - 1 }, () => huaweiNew.accessKeyId)]);
    // and the old key is refused now
    const { error } = await huawei({ type: 'aksk', ...huaweiOld }).listBackupShareDetails();
    expect(error).toMatchObject({ status: 401, code: 'APIG.0301' });
    expect(refusals).toEqual([`the access key ${huaweiOld.accessKeyId} is not known`]);
  });

  it('50 concurrent calls share one refresh', async () => {
    let refreshes = 0;
    const client = alibaba({
      type: 'acs3',
      provider: async () => {
        refreshes++;
        await new Promise((resolve) => setTimeout(resolve, 20));
        return { ...alibabaSts, expiration: new Date(Date.now() + minutes(60)) };
      },
    });
    const results = await Promise.all(Array.from({ length: 50 }, () => client.getBasicStatistics(statistics)));
    expect(results.map(({ error }) => error)).toEqual(Array.from({ length: 50 }, () => undefined));
    expect(refreshes).toBe(1);
  });
});

describe('a client clock 20 minutes off', () => {
  it.each([
    ['Huawei AK/SK', (offset: number) => huawei({ type: 'aksk', ...huaweiOld }, offset).listBackupShareDetails(), 'X-Sdk-Date'],
    ['Alibaba ACS3', (offset: number) => alibaba({ type: 'acs3', ...alibabaSts }, offset).getBasicStatistics(statistics), 'x-acs-date'],
    ['Alibaba RPC V2', (offset: number) => alibaba({ type: 'rpc-v2', ...alibabaSts }, offset).getBasicStatistics(statistics), 'Timestamp'],
  ])('%s: refused once for its date, corrected from the answer, then accepted', async (_what, call, dateName) => {
    for (const offset of [minutes(20), minutes(-20)]) {
      refusals.length = 0;
      const { error } = await call(offset);
      expect(error).toBeUndefined();
      expect(refusals).toHaveLength(1);
      expect(refusals[0]).toContain(`${dateName} `);
      expect(refusals[0]).toContain(offset > 0 ? 'ahead of' : 'behind');
    }
  });

  it.each([
    ['huawei-vbs', `/v2/${project}/os-vendor-backup-sharing/detail`],
    ['alibaba-hbr', '/?Action=GetBasicStatistics'],
  ] as const)('%s refusals carry the server clock in Date', async (api, path) => {
    const response = await fetch(`${mock.urls[api]}${path}`);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(Math.abs(Date.parse(response.headers.get('date')!) - Date.now())).toBeLessThan(minutes(1));
  });
});
