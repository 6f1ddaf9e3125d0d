// startMock({ stateful }) against real Prism: reset() returns to the seed, each startMock keeps
// its own state, a contract stateful mode cannot seed from is refused before anything starts,
// and without the option the mock answers exactly as before (no state, no reset route).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledContractPath, MockStartError, type RunningMock, type StartMockOptions, startMock } from '../src/index.ts';
import { type Call, checked, documentedExample, seedRecord, sharesApi } from './support/stateful.ts';

const work = mkdtempSync(join(tmpdir(), 'stateful-start-'));
const mocks: Record<'first' | 'second' | 'plain', RunningMock> = {} as any;
const apis = {
  first: sharesApi(() => mocks.first.urls['huawei-vbs']),
  second: sharesApi(() => mocks.second.urls['huawei-vbs']),
  plain: sharesApi(() => mocks.plain.urls['huawei-vbs']),
};
const anyPorts = { ports: { 'huawei-vbs': 0, 'alibaba-hbr': 0 }, readyTimeoutMs: 90_000 };

beforeAll(async () => {
  [mocks.first, mocks.second, mocks.plain] = await Promise.all([
    startMock({ ...anyPorts, stateful: true }),
    startMock({ ...anyPorts, stateful: true }),
    startMock({ ...anyPorts }),
  ]);
}, 120_000);
afterAll(async () => {
  await Promise.all(Object.values(mocks).map((mock) => mock?.stop()));
  rmSync(work, { recursive: true, force: true });
});

const create: Call = {
  method: 'POST',
  body: { shared: { backup_id: 'aaaaaaaa-1111-4111-8111-111111111111', to_project_ids: ['1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a'] } },
};
const count = async (api: ReturnType<typeof sharesApi>, query: Call['query'] = {}) =>
  (await api.call('countBackupShares', { path: '/count', query })).body.count as number;

describe('startMock({ stateful: true })', () => {
  // first, before any reset, so one state shared by both mocks could not have been replaced yet
  it('each startMock keeps its own state', async () => {
    expect((await apis.first.call('createBackupShares', create)).status).toBe(200);
    expect(await count(apis.first)).toBe(1);
    expect(await count(apis.second)).toBe(0);
    // the same share again is a duplicate on the first mock only
    expect((await apis.second.call('createBackupShares', create)).status).toBe(200);
    expect((await apis.first.call('createBackupShares', create)).status).toBe(400);
  });

  it('reset() returns every API’s state to the seed', async () => {
    const api = apis.first;
    const another = { shared: { backup_id: 'cccccccc-3333-4333-8333-333333333333', to_project_ids: ['1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a'] } };
    expect((await api.call('createBackupShares', { ...create, body: another })).status).toBe(200);
    expect((await api.call('cancelBackupShare', { method: 'DELETE', path: `/${seedRecord.id}` })).status).toBe(200);
    expect(await count(api)).toBeGreaterThan(0);
    expect(await count(api, { share_to_me: true })).toBe(0);

    await mocks.first.reset();

    expect([await count(api), await count(api, { share_to_me: true })]).toEqual([0, 1]);
    expect((await api.call('getBackupShare', { path: `/${seedRecord.id}` })).body).toEqual({ shared: seedRecord });
  });
});

describe('a contract stateful mode cannot seed from is refused before anything starts', () => {
  const bundled = JSON.parse(readFileSync(bundledContractPath('huawei-vbs'), 'utf8'));
  const withoutDetailExample = structuredClone(bundled);
  delete withoutDetailExample.paths['/v2/{project_id}/os-vendor-backup-sharing/detail'].get.responses['200'].content['application/json'].example;
  const noDetail = join(work, 'no-detail-example.json');
  writeFileSync(noDetail, JSON.stringify(withoutDetailExample));
  const yaml = join(work, 'contract.yaml');
  writeFileSync(yaml, 'openapi: 3.1.0\ninfo: {title: yaml, version: "1"}\npaths: {}\n');

  const refusals: [string, StartMockOptions, MockStartError['problem'], RegExp][] = [
    [
      'a contract without the detail example’s backup',
      { ...anyPorts, stateful: true, specs: { 'huawei-vbs': noDetail } },
      'contract',
      /^huawei-vbs: stateful mode cannot seed its state from .*no-detail-example\.json: the 200 example of listBackupShareDetails embeds no backup/,
    ],
    [
      'a YAML contract',
      { ...anyPorts, stateful: true, specs: { 'huawei-vbs': yaml } },
      'contract',
      /^huawei-vbs: stateful mode seeds its state from a JSON contract, and .*contract\.yaml is not one$/,
    ],
    ['stateful that is not a boolean', { ...anyPorts, stateful: 'yes' as unknown as boolean }, 'bad-option', /^stateful must be true or false, got yes$/],
  ];

  it.each(refusals)('%s', async (_name, options, problem, message) => {
    const error = await startMock(options).then(
      (mock) => mock.stop().then(() => undefined),
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(MockStartError);
    expect(error).toMatchObject({ problem, message: expect.stringMatching(message) });
  });
});

describe('without stateful nothing changes', () => {
  const api = apis.plain;

  it('a create does not change the count: every answer is the contract’s example', async () => {
    const before = await api.call('countBackupShares', { path: '/count' });
    expect(before.body).toEqual(documentedExample('countBackupShares', 200));
    const created = await api.call('createBackupShares', create);
    expect(created.body).toEqual(documentedExample('createBackupShares', 200));
    expect((await api.call('countBackupShares', { path: '/count' })).body).toEqual(before.body);
    // a share nobody created is still "found", and a cancelled one still there
    const missing = '/0badc0de-0000-4000-8000-00000000dead';
    expect((await api.call('getBackupShare', { path: missing })).body).toEqual(documentedExample('getBackupShare', 200));
    expect((await api.call('cancelBackupShare', { method: 'DELETE', path: missing })).status).toBe(200);
    expect((await api.call('listBackupShareDetails', { path: '/detail', query: { limit: 1 } })).body).toEqual(documentedExample('listBackupShareDetails', 200));
  });

  it.each(['POST', 'GET'])('%s /__mock/reset is not special: answered as any path outside the contract', async (method) => {
    const answer = async (path: string) => {
      const response = await fetch(`${mocks.plain.urls['huawei-vbs']}${path}`, { method, headers: { 'X-Auth-Token': 't' } });
      return { status: response.status, allow: response.headers.get('allow'), body: await response.json() };
    };
    const reset = await answer('/__mock/reset');
    const other = await answer('/__mock/elsewhere');
    expect(reset.status).toBe(other.status);
    expect(reset.status).not.toBe(204);
    expect(reset.status).not.toBe(405);
    expect(reset.allow).toBe(other.allow);
    expect(Object.keys(reset.body)).toEqual(Object.keys(other.body));
    checked('countBackupShares', { status: reset.status, headers: new Headers(), text: '', body: reset.body });
  });

  it('reset() resolves and changes nothing', async () => {
    await expect(mocks.plain.reset()).resolves.toBeUndefined();
    expect((await api.call('countBackupShares', { path: '/count' })).body).toEqual(documentedExample('countBackupShares', 200));
  });
});
