// Stateful mode (src/state/ and src/models/, in-process fronts against the suite's real Prism,
// as startMock({ stateful: true }) wires them): the Huawei backup-sharing operations keep
// state seeded from the contract's examples, Prism still refuses what breaks the contract, a
// `Prefer` header still gets Prism's canned answer, and `POST /__mock/reset` goes back to the
// seed. Every answer of the raw helper is checked against the contract's schema for its status.
import { createHuaweiVbsClient, type HuaweiVbsClient } from '@cloud-backup-contracts/client/huawei-vbs';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { preferFetch, projectId } from './support/clients.ts';
import { runCli } from './support/cli.ts';
import { type Fronts, startFronts } from './support/fronts.ts';
import { MockGuard, requestTimeoutMs } from './support/mock-guard.ts';
import { type Call, checked, documentedExample, messageOf, seedBackup, seedDetail, seedRecord, sharesApi, token } from './support/stateful.ts';
import { namesField, violationsOf } from './support/violations.ts';

let fronts: Fronts;
const urls: Record<string, string> = {};
const api = sharesApi(() => urls['huawei-vbs']!);
let client: HuaweiVbsClient;

// receiving projects and backups of the shares the tests create (P1 sorts before P2)
const P1 = '1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a';
const P2 = '2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b';
const backupX = 'aaaaaaaa-1111-4111-8111-111111111111';
const backupY = 'bbbbbbbb-2222-4222-8222-222222222222';
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const serviceTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/;

beforeAll(async () => {
  fronts = await startFronts({ stateful: true });
  Object.assign(urls, fronts.urls);
  const { stateFile } = inject('contractMock');
  client = createHuaweiVbsClient({
    baseUrl: urls['huawei-vbs']!,
    projectId,
    auth: { type: 'token', token: 'stateful-suite-token' },
    retry: false,
    timeoutMs: requestTimeoutMs,
    fetch: preferFetch(MockGuard.forStateFile(fronts, stateFile)),
  });
});
afterAll(() => fronts.close());

const resetOverHttp = (init: RequestInit = { method: 'POST' }) =>
  fetch(`${urls['huawei-vbs']}/__mock/reset`, { ...init, signal: AbortSignal.timeout(requestTimeoutMs) });
beforeEach(async () => {
  expect((await resetOverHttp()).status).toBe(204);
});

/** Shares `backup_id` from the client's project with `targets` (raw HTTP); returns the new records. */
async function share(backupId: string, targets: string[]): Promise<any[]> {
  const answer = await api.call('createBackupShares', { method: 'POST', body: { shared: { backup_id: backupId, to_project_ids: targets } } });
  expect(answer.status, answer.text).toBe(200);
  return answer.body.shared;
}

const count = async (query: Call['query'] = {}) => (await api.call('countBackupShares', { path: '/count', query })).body.count as number;
const listed = async (query: Call['query'] = {}) => (await api.call('listBackupShareDetails', { path: '/detail', query })).body.shared as any[];

describe('stateful mode starts from the contract’s examples', () => {
  it('the seed share is what the client project receives (share_to_me=true), with the detail example’s backup', async () => {
    expect(await count({ share_to_me: true })).toBe(1);
    expect(await listed({ share_to_me: true })).toEqual([{ ...seedRecord, ...seedDetail, backup: seedBackup }]);
    expect((await api.call('getBackupShare', { path: `/${seedRecord.id}` })).body).toEqual({ shared: seedRecord });
  });

  it('the client project shares nothing yet (the default scope is the shares it sends)', async () => {
    expect(await count()).toBe(0);
    expect(await listed()).toEqual([]);
  });
});

describe('a share created through the typed client shows up in count, list and get, and disappears after cancel', () => {
  const cancelForms = [
    { form: 'by share id', cancel: (created: any[]) => ({ path: { shared_id: created[0].id } }), remaining: (created: any[]) => created.slice(1) },
    {
      form: 'by backup id (is_backup_id=true)',
      cancel: (created: any[]) => ({ path: { shared_id: created[0].backup_id }, query: { is_backup_id: true } }),
      remaining: () => [],
    },
  ];

  it.each(cancelForms)('cancel $form', async ({ cancel, remaining }) => {
    const made = await client.createBackupShares({ body: { shared: { backup_id: backupX, to_project_ids: [P1, P2] } } });
    expect(made.error).toBeUndefined();
    const created = made.data!.shared as any[];
    expect(created).toEqual(
      [P1, P2].map((target) => ({
        id: expect.stringMatching(uuid),
        backup_id: backupX,
        from_project_id: projectId,
        to_project_id: target,
        created_at: expect.stringMatching(serviceTime),
        updated_at: null,
        deleted: 'false',
        deleted_at: null,
      })),
    );
    expect(new Set(created.map((record) => record.id)).size).toBe(2);

    expect((await client.countBackupShares({})).data).toEqual({ count: 2 });
    const list = (await client.listBackupShareDetails({})).data!.shared;
    expect(list.map((record) => record.id).sort()).toEqual(created.map((record) => record.id).sort());
    // get-one answers the share with its backup (a new backup is modelled on the seed's)
    const backupOfX = { ...seedBackup, id: backupX, name: `backup-${backupX.slice(0, 8)}` };
    for (const record of created)
      expect((await client.getBackupShare({ path: { shared_id: record.id } })).data).toEqual({ shared: { ...record, backup: backupOfX } });

    const cancelled = await client.cancelBackupShare(cancel(created) as any);
    expect(cancelled.error).toBeUndefined();
    expect(cancelled.response?.status).toBe(200);

    const left = remaining(created);
    expect((await client.countBackupShares({})).data).toEqual({ count: left.length });
    expect((await client.listBackupShareDetails({})).data!.shared.map((record) => record.id)).toEqual(left.map((record: any) => record.id));
    for (const record of created) {
      const got = await client.getBackupShare({ path: { shared_id: record.id } });
      const stays = left.includes(record);
      expect(got.response?.status, record.to_project_id).toBe(stays ? 200 : 404);
      if (!stays) expect(got.error?.kind).toBe('service');
    }
    // the seed share the project receives is not touched
    expect((await client.countBackupShares({ query: { share_to_me: true } })).data).toEqual({ count: 1 });
  });

  it('a new share of the seed’s backup embeds that backup; of any other backup, a copy with its own id and name', async () => {
    await share(seedBackup.id, [P1]);
    await share(backupX, [P2]);
    const byBackup = Object.fromEntries((await listed()).map((record) => [record.backup_id, record.backup]));
    expect(byBackup[seedBackup.id]).toEqual(seedBackup);
    expect(byBackup[backupX]).toEqual({ ...seedBackup, id: backupX, name: `backup-${backupX.slice(0, 8)}` });
  });
});

describe('count and list apply every documented filter to the state', () => {
  // the client project sends s1 (the seed's backup), s2 and s3; it receives the seed share
  const made: Record<'s1' | 's2' | 's3', any> = {} as any;
  beforeEach(async () => {
    [made.s1] = await share(seedBackup.id, [P1]);
    [made.s2] = await share(backupX, [P2]);
    [made.s3] = await share(backupY, [P1]);
  });

  // `counted`: what the count sees where it differs from the listing
  const cases: { filter: string; query: Call['query']; shares: ('s1' | 's2' | 's3' | 'seed')[]; counted?: ('s1' | 's2' | 's3')[] }[] = [
    { filter: 'none (the shares the project sends)', query: {}, shares: ['s1', 's2', 's3'] },
    { filter: 'share_to_me=true', query: { share_to_me: true }, shares: ['seed'] },
    { filter: 'share_to_me=false', query: { share_to_me: false }, shares: ['s1', 's2', 's3'] },
    { filter: 'volume_id, matching', query: { volume_id: seedBackup.volume_id }, shares: ['s1', 's2', 's3'] },
    { filter: 'volume_id, another', query: { volume_id: 'c0ffee00-0000-4000-8000-000000000000' }, shares: [] },
    { filter: 'name, a case-insensitive part', query: { name: seedBackup.name.slice(2, 7).toUpperCase() }, shares: ['s1'] },
    { filter: 'name of a new backup', query: { name: 'backup-bbbb' }, shares: ['s3'] },
    { filter: 'name, no match', query: { name: 'weekly' }, shares: [] },
    { filter: 'status, matching', query: { status: seedBackup.status }, shares: ['s1', 's2', 's3'] },
    { filter: 'status, another', query: { status: 'error_restoring' }, shares: [] },
    { filter: 'backup_id', query: { backup_id: backupX }, shares: ['s2'] },
    { filter: 'from_project_id, the project', query: { from_project_id: projectId }, shares: ['s1', 's2', 's3'] },
    { filter: 'from_project_id, another (outside the scope)', query: { from_project_id: seedRecord.from_project_id }, shares: [] },
    { filter: 'from_project_id with share_to_me=true', query: { share_to_me: true, from_project_id: seedRecord.from_project_id }, shares: ['seed'] },
    { filter: 'to_project_id', query: { to_project_id: P1 }, shares: ['s1', 's3'] },
    { filter: 'availability_zone, matching', query: { availability_zone: seedBackup.availability_zone }, shares: ['s1', 's2', 's3'] },
    // the SDKs' spelling filters the listing only: the count documents the page's spelling alone
    { filter: 'availability_zone, another (the count ignores it)', query: { availability_zone: 'cn-north-4z' }, shares: [], counted: ['s1', 's2', 's3'] },
    { filter: 'avalilability_zone (sic), matching', query: { avalilability_zone: seedBackup.availability_zone }, shares: ['s1', 's2', 's3'] },
    { filter: 'avalilability_zone (sic), another', query: { avalilability_zone: 'cn-north-4z' }, shares: [] },
    { filter: 'to_project_id and backup_id together', query: { to_project_id: P1, backup_id: backupY }, shares: ['s3'] },
  ];

  it.each(cases)('$filter', async ({ query, shares, counted }) => {
    const ids = shares.map((name) => (name === 'seed' ? seedRecord.id : made[name].id)).sort();
    expect(await count(query)).toBe((counted ?? shares).length);
    expect((await listed(query)).map((record) => record.id).sort()).toEqual(ids);
  });
});

describe('list sorts (sort_key, sort_dir) and pages (limit, offset, shared_links next) over the state', () => {
  let ids: Record<'s1' | 's2' | 's3', string>;
  beforeEach(async () => {
    const [s1] = await share(seedBackup.id, [P1]);
    const [s2] = await share(backupX, [P2]);
    const [s3] = await share(backupY, [P1]);
    ids = { s1: s1.id, s2: s2.id, s3: s3.id };
  });

  const cases: { name: string; query: Call['query']; page: ('s1' | 's2' | 's3')[]; next?: Record<string, string> }[] = [
    { name: 'newest first by default (created_at desc)', query: {}, page: ['s3', 's2', 's1'] },
    { name: 'sort_dir=asc', query: { sort_dir: 'asc' }, page: ['s1', 's2', 's3'] },
    // backup names: s1 the seed's (nightly-db-disk), s2 backup-aaaaaaaa, s3 backup-bbbbbbbb
    { name: 'sort_key=name (the backup’s), asc', query: { sort_key: 'name', sort_dir: 'asc' }, page: ['s2', 's3', 's1'] },
    { name: 'sort_key=name, desc', query: { sort_key: 'name', sort_dir: 'desc' }, page: ['s1', 's3', 's2'] },
    { name: 'sort_key=status, desc (all tie: creation order)', query: { sort_key: 'status', sort_dir: 'desc' }, page: ['s1', 's2', 's3'] },
    { name: 'limit=2: the first page links the next', query: { limit: 2 }, page: ['s3', 's2'], next: { limit: '2', offset: '2' } },
    { name: 'limit=1&offset=1', query: { limit: 1, offset: 1 }, page: ['s2'], next: { limit: '1', offset: '2' } },
    { name: 'the last page has no link', query: { limit: 2, offset: 2 }, page: ['s1'] },
    { name: 'a page that ends with the records has no link', query: { limit: 3 }, page: ['s3', 's2', 's1'] },
    { name: 'offset past the end', query: { offset: 5 }, page: [] },
    {
      name: 'the link keeps the filters and the order',
      query: { to_project_id: P1, sort_dir: 'asc', limit: 1 },
      page: ['s1'],
      next: { to_project_id: P1, sort_dir: 'asc', limit: '1', offset: '1' },
    },
  ];

  it.each(cases)('$name', async ({ query, page, next }) => {
    const answer = await api.call('listBackupShareDetails', { path: '/detail', query });
    expect(answer.body.shared.map((record: any) => record.id)).toEqual(page.map((name) => ids[name]));
    if (!next) return expect(answer.body.shared_links).toBeUndefined();
    expect(answer.body.shared_links).toEqual([{ rel: 'next', href: expect.any(String) }]);
    const href = new URL(answer.body.shared_links[0].href);
    expect(href.origin).toBe(urls['huawei-vbs']);
    expect(href.pathname).toBe(`/v2/${projectId}/os-vendor-backup-sharing/detail`);
    expect(Object.fromEntries(href.searchParams)).toEqual(next);
  });

  it('following shared_links walks every record once, in order', async () => {
    const seen: string[] = [];
    let target: string | undefined = api.url({ path: '/detail', query: { limit: 1 } });
    // a link that does not advance would loop: three records take three pages
    for (let pages = 0; target && pages < 4; pages++) {
      const { body } = checked('listBackupShareDetails', await api.send(target, {}));
      seen.push(...body.shared.map((record: any) => record.id));
      target = body.shared_links?.[0]?.href;
    }
    expect(seen).toEqual([ids.s3, ids.s2, ids.s1]);
  });

  it.each<[string, { query: { to_project_id?: string; sort_dir?: 'asc' }; pageSize: number; want: ('s1' | 's2' | 's3')[] }]>([
    ['pages of 2', { query: {}, pageSize: 2, want: ['s3', 's2', 's1'] }],
    ['pages of 1 with a filter and an order, through the next links', { query: { to_project_id: P1, sort_dir: 'asc' }, pageSize: 1, want: ['s1', 's3'] }],
  ])('the typed client’s page iterator walks the state: %s', async (_name, { query, pageSize, want }) => {
    const seen: string[] = [];
    for await (const page of client.pages.listBackupShareDetails({ query }, { pageSize })) {
      expect(page.error).toBeUndefined();
      seen.push(...page.data!.shared.map((record) => record.id));
    }
    expect(seen).toEqual(want.map((name) => ids[name]));
  });
});

describe('what the state cannot do is refused in the contract’s documented error bodies', () => {
  const missing = '0badc0de-0000-4000-8000-00000000dead';
  /** the documented 404 body, its example share id replaced by the one asked for */
  const notFound = (operationId: string, id: string) => JSON.parse(JSON.stringify(documentedExample(operationId, 404)).replaceAll(seedRecord.id, id));

  const cases: { name: string; operationId: string; call: Call; id: string }[] = [
    { name: 'get a missing share', operationId: 'getBackupShare', call: { path: `/${missing}` }, id: missing },
    { name: 'cancel a missing share', operationId: 'cancelBackupShare', call: { method: 'DELETE', path: `/${missing}` }, id: missing },
    {
      name: 'cancel the shares of a backup that has none',
      operationId: 'cancelBackupShare',
      call: { method: 'DELETE', path: `/${backupX}`, query: { is_backup_id: true } },
      id: backupX,
    },
    {
      name: 'cancel by backup id the backup another project shares (the seed’s)',
      operationId: 'cancelBackupShare',
      call: { method: 'DELETE', path: `/${seedBackup.id}`, query: { is_backup_id: true } },
      id: seedBackup.id,
    },
    {
      name: 'get a share in a project that neither sends nor receives it',
      operationId: 'getBackupShare',
      call: { path: `/${seedRecord.id}`, project: 'ffffffffffffffffffffffffffffffff' },
      id: seedRecord.id,
    },
  ];

  it.each(cases)('$name → 404, the documented body naming the id', async ({ operationId, call, id }) => {
    // the documented example names the seed share; the answer names the id asked for instead
    expect(messageOf(documentedExample(operationId, 404))).toContain(seedRecord.id);
    const answer = await api.call(operationId, call);
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual(notFound(operationId, id));
    expect(messageOf(answer.body)).toContain(id);
    // nothing was removed
    expect(await count({ share_to_me: true })).toBe(1);
  });

  it.each([
    { name: 'the same backup to the same project twice', first: [P1], second: [P2, P1], duplicate: P1 },
    { name: 'one of several projects already has it', first: [P2], second: [P1, P2], duplicate: P2 },
  ])('sharing $name → 400 in the documented shape naming the duplicate, and nothing created', async ({ first, second, duplicate }) => {
    await share(backupX, first);
    const answer = await api.call('createBackupShares', { method: 'POST', body: { shared: { backup_id: backupX, to_project_ids: second } } });
    expect(answer.status).toBe(400);
    expect(Object.keys(answer.body)).toEqual(Object.keys(documentedExample('createBackupShares', 400)));
    expect(messageOf(answer.body)).toBe(`Invalid input received: backup ${backupX} is already shared with project ${duplicate}.`);
    expect(await count()).toBe(first.length);
  });

  it('sharing the seed’s backup again with the project that has it → 400', async () => {
    const answer = await api.call('createBackupShares', {
      method: 'POST',
      project: seedRecord.from_project_id,
      body: { shared: { backup_id: seedRecord.backup_id, to_project_ids: [seedRecord.to_project_id] } },
    });
    expect(answer.status).toBe(400);
    expect(messageOf(answer.body)).toContain(seedRecord.to_project_id);
  });
});

describe('every stateful answer validates against the contract', () => {
  it('create, count, list (with its link), get, cancel, and their refusals', async () => {
    const statuses: string[] = [];
    const note = (operationId: string, answer: { status: number }) => statuses.push(`${operationId} ${answer.status}`);
    const created = await api.call('createBackupShares', { method: 'POST', body: { shared: { backup_id: backupX, to_project_ids: [P1, P2] } } });
    note('createBackupShares', created);
    for (const query of [{}, { share_to_me: true }, { limit: 1 }, { sort_dir: 'asc', offset: 1 }] as Call['query'][])
      note('listBackupShareDetails', await api.call('listBackupShareDetails', { path: '/detail', query }));
    note('countBackupShares', await api.call('countBackupShares', { path: '/count' }));
    for (const shared of [...created.body.shared, seedRecord]) note('getBackupShare', await api.call('getBackupShare', { path: `/${shared.id}` }));
    note('cancelBackupShare', await api.call('cancelBackupShare', { method: 'DELETE', path: `/${created.body.shared[0].id}` }));
    note('cancelBackupShare', await api.call('cancelBackupShare', { method: 'DELETE', path: `/${backupX}`, query: { is_backup_id: true } }));
    note('getBackupShare', await api.call('getBackupShare', { path: `/${created.body.shared[0].id}` }));
    note('cancelBackupShare', await api.call('cancelBackupShare', { method: 'DELETE', path: `/${backupX}`, query: { is_backup_id: true } }));
    note(
      'createBackupShares',
      await api.call('createBackupShares', { method: 'POST', body: { shared: { backup_id: seedBackup.id, to_project_ids: [P1, P1.replace('1a', '3c')] } } }),
    );
    note('createBackupShares', await api.call('createBackupShares', { method: 'POST', body: { shared: { backup_id: seedBackup.id, to_project_ids: [P1] } } }));
    note('listBackupShareDetails', await api.call('listBackupShareDetails', { path: '/detail', query: { sort_key: 'nope' } }));
    expect(new Set(statuses)).toEqual(
      new Set([
        'createBackupShares 200',
        'createBackupShares 400',
        'listBackupShareDetails 200',
        'listBackupShareDetails 400',
        'countBackupShares 200',
        'getBackupShare 200',
        'getBackupShare 404',
        'cancelBackupShare 200',
        'cancelBackupShare 404',
      ]),
    );
  });
});

describe('reset goes back to the seed', () => {
  /** changes every part of the state: a new share, and the seed share cancelled */
  async function changeEverything(): Promise<void> {
    await share(backupX, [P1]);
    await api.call('cancelBackupShare', { method: 'DELETE', path: `/${seedRecord.id}` });
    expect(await count()).toBe(1);
    expect(await count({ share_to_me: true })).toBe(0);
  }
  async function expectSeed(): Promise<void> {
    expect(await count()).toBe(0);
    expect(await listed({ share_to_me: true })).toEqual([{ ...seedRecord, ...seedDetail, backup: seedBackup }]);
    expect((await api.call('getBackupShare', { path: `/${seedRecord.id}` })).body).toEqual({ shared: seedRecord });
  }

  it('POST /__mock/reset answers 204 without a body', async () => {
    await changeEverything();
    const response = await resetOverHttp();
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    await expectSeed();
  });

  it('a backup first seen in a create is forgotten by the reset', async () => {
    await share(backupX, [P1]);
    await resetOverHttp();
    // shared again after the reset: not a duplicate, and the same derived backup
    await share(backupX, [P1]);
    expect((await listed())[0].backup).toEqual({ ...seedBackup, id: backupX, name: `backup-${backupX.slice(0, 8)}` });
  });

  it.each(['GET', 'PUT', 'DELETE', 'PATCH'])('%s /__mock/reset → 405 in the API’s error shape, and nothing reset', async (method) => {
    await changeEverything();
    const response = await resetOverHttp({ method });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    const answer = checked('countBackupShares', { status: 405, headers: response.headers, text: '', body: await response.json() });
    expect(messageOf(answer.body)).toMatch(/\/__mock\/reset takes POST only/);
    expect(await count()).toBe(1);
  });

  it('the port of an API without a model has the route too, and that API answers as before', async () => {
    const reset = await fetch(`${urls['alibaba-hbr']}/__mock/reset`, { method: 'POST' });
    expect(reset.status).toBe(204);
    const stats = await fetch(`${urls['alibaba-hbr']}/?Action=GetBasicStatistics&Version=2017-09-08&SourceType=ECS_FILE&Signature=x`);
    expect(stats.status).toBe(200);
    expect(await stats.json()).toMatchObject({ Success: true, SourceType: 'ECS_FILE' });
  });
});

describe('Prism still validates every request in stateful mode', () => {
  const refused: { name: string; operationId: string; call: Call; status: number; field: string }[] = [
    { name: 'limit=ten', operationId: 'listBackupShareDetails', call: { path: '/detail', query: { limit: 'ten' } }, status: 400, field: 'limit' },
    // the page lists the sort keys
    {
      name: 'sort_key=colour',
      operationId: 'listBackupShareDetails',
      call: { path: '/detail', query: { sort_key: 'colour' } },
      status: 400,
      field: 'sort_key',
    },
    {
      name: 'share_to_me=maybe',
      operationId: 'countBackupShares',
      call: { path: '/count', query: { share_to_me: 'maybe' } },
      status: 400,
      field: 'share_to_me',
    },
    {
      name: 'sort_dir=sideways',
      operationId: 'listBackupShareDetails',
      call: { path: '/detail', query: { sort_dir: 'sideways' } },
      status: 400,
      field: 'sort_dir',
    },
    {
      name: 'is_backup_id=perhaps',
      operationId: 'cancelBackupShare',
      call: { method: 'DELETE', path: `/${seedRecord.id}`, query: { is_backup_id: 'perhaps' } },
      status: 400,
      field: 'is_backup_id',
    },
    {
      name: 'a create whose backup_id is not a string',
      operationId: 'createBackupShares',
      call: { method: 'POST', body: { shared: { backup_id: 42, to_project_ids: [P1] } } },
      status: 400,
      field: 'backup_id',
    },
    {
      name: 'a create whose to_project_ids is not a list',
      operationId: 'createBackupShares',
      call: { method: 'POST', body: { shared: { backup_id: backupX, to_project_ids: P1 } } },
      status: 400,
      field: 'to_project_ids',
    },
  ];

  it.each(refused)('$name → $status naming $field, in the documented shape, and the state untouched', async ({ operationId, call, status, field }) => {
    const target = api.url(call);
    const response = await fetch(target, {
      method: call.method ?? 'GET',
      headers: { ...token, 'content-type': 'application/json' },
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
    });
    const { violations, text } = await violationsOf(response.clone());
    expect(response.status).toBe(status);
    expect(namesField(violations, field), text).toBe(true);
    checked(operationId, { status: response.status, headers: response.headers, text: '', body: await response.json() });
    expect(await count()).toBe(0);
    expect(await count({ share_to_me: true })).toBe(1);
  });

  it('a request without credentials → 401, and nothing cancelled', async () => {
    const response = await fetch(api.url({ path: `/${seedRecord.id}` }), { method: 'DELETE' });
    expect(response.status).toBe(401);
    expect(await count({ share_to_me: true })).toBe(1);
  });
});

describe('a Prefer header gets Prism’s canned answer, and leaves the state alone', () => {
  const cases: { name: string; operationId: string; call: Call; status: number; body: () => unknown }[] = [
    {
      name: 'count with code=200',
      operationId: 'countBackupShares',
      call: { path: '/count', headers: { prefer: 'code=200' } },
      status: 200,
      body: () => documentedExample('countBackupShares', 200),
    },
    {
      name: 'get of a missing share with code=200',
      operationId: 'getBackupShare',
      call: { path: '/0badc0de-0000-4000-8000-00000000dead', headers: { prefer: 'code=200' } },
      status: 200,
      body: () => documentedExample('getBackupShare', 200),
    },
    {
      name: 'get of the seed share with code=404',
      operationId: 'getBackupShare',
      call: { path: `/${seedRecord.id}`, headers: { prefer: 'code=404' } },
      status: 404,
      body: () => documentedExample('getBackupShare', 404),
    },
    {
      name: 'create with code=200',
      operationId: 'createBackupShares',
      call: { method: 'POST', body: { shared: { backup_id: backupX, to_project_ids: [P1] } }, headers: { prefer: 'code=200' } },
      status: 200,
      body: () => documentedExample('createBackupShares', 200),
    },
    {
      name: 'cancel of the seed share with code=200',
      operationId: 'cancelBackupShare',
      call: { method: 'DELETE', path: `/${seedRecord.id}`, headers: { prefer: 'code=200' } },
      status: 200,
      body: () => undefined,
    },
    {
      name: 'list with dynamic=false',
      operationId: 'listBackupShareDetails',
      call: { path: '/detail', headers: { prefer: 'dynamic=false' } },
      status: 200,
      body: () => documentedExample('listBackupShareDetails', 200),
    },
  ];

  it.each(cases)('$name', async ({ operationId, call, status, body }) => {
    const answer = await api.call(operationId, call);
    expect(answer.status).toBe(status);
    expect(answer.body).toEqual(body());
    expect(await count()).toBe(0);
    expect(await count({ share_to_me: true })).toBe(1);
  });
});

describe('--help lists stateful mode', () => {
  it('names --stateful and the reset route', async () => {
    const help = runCli(['--help']);
    expect((await help.exited).code).toBe(0);
    expect(help.stdout()).toMatch(/--stateful +keep state, seeded from the contract's examples, where a model exists \(huawei-vbs\)/);
    expect(help.stdout()).toMatch(/POST \/__mock\/reset on an API's port returns its state to the seed/);
  });
});
