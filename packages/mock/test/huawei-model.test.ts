// The Huawei sharing model called directly, over small hand-written contracts: what it seeds from
// the examples (and refuses to seed from), the 404 message it takes from them, and the answers the
// stateful suite cannot tell apart over the real contract (whose examples match the defaults).
import { describe, expect, it, vi } from 'vitest';
import { indexContract, type OpenApiDoc } from '../src/contract-index.js';
import { createHuaweiVbsModel as modelOf } from '../src/models/huawei-vbs.ts';
import { type ModelRequest, ModelSeedError, type StateModel } from '../src/state/model.ts';
import { thrown } from './support/thrown.ts';

const project = 'p-from';
const backup = { id: 'b-1', name: 'nightly', status: 'available', volume_id: 'v-1', availability_zone: 'az-1' };
const share = { id: 's-1', backup_id: 'b-1', from_project_id: project, to_project_id: 'p-to', created_at: '2020-01-01T00:00:00.000000', backup };
const json = (example: unknown) =>
  example === undefined ? { description: 'none documented' } : { description: 'documented', content: { 'application/json': { example } } };

/** The model over a contract, read as the mock reads it. */
const createHuaweiVbsModel = (doc: OpenApiDoc) => modelOf(indexContract(doc));

/** A contract with the sharing operations and just these examples. */
function contract({ detail = { shared: [share] } as unknown, single = undefined as unknown, notFound = undefined as unknown } = {}) {
  return {
    openapi: '3.0.3',
    paths: {
      '/v2/{project_id}/os-vendor-backup-sharing/detail': { get: { operationId: 'listBackupShareDetails', responses: { 200: json(detail) } } },
      '/v2/{project_id}/os-vendor-backup-sharing/{shared_id}': {
        get: { operationId: 'getBackupShare', responses: { 200: json(single), 404: json(notFound) } },
        delete: { operationId: 'cancelBackupShare', responses: { 404: json(notFound) } },
      },
    },
  };
}

const request = (
  operationId: string,
  { params = {}, query = '', body }: { params?: Record<string, string>; query?: string; body?: unknown } = {},
): ModelRequest => ({
  operationId,
  params: { project_id: project, ...params },
  query: new URLSearchParams(query),
  body,
  url: new URL(`http://mock.test/v2/${project}/os-vendor-backup-sharing/detail${query && `?${query}`}`),
});

/** The to_project_id of each share the list answers for `query`, in order. */
const listedTo = (model: StateModel, query: string) =>
  (model.answer(request('listBackupShareDetails', { query })) as { body: { shared: { to_project_id: string }[] } }).body.shared.map((s) => s.to_project_id);

describe('seeding', () => {
  it('takes a share from both examples, the list one first, the other filling in what it lacks', () => {
    const single = { shared: { ...share, created_at: '2021-01-01T00:00:00.000000', updated_at: '2022-01-01T00:00:00.000000' } };
    const model = createHuaweiVbsModel(contract({ single }));
    expect(model.answer(request('getBackupShare', { params: { shared_id: 's-1' } }))).toEqual({
      status: 200,
      body: {
        shared: {
          id: 's-1',
          backup_id: 'b-1',
          from_project_id: project,
          to_project_id: 'p-to',
          created_at: '2020-01-01T00:00:00.000000',
          updated_at: '2022-01-01T00:00:00.000000',
          // get-one answers the share with its backup, as the page and golangsdk's fixture show
          backup,
        },
      },
    });
    expect(model.answer(request('countBackupShares'))).toEqual({ status: 200, body: { count: 1 } });
  });

  it('skips list entries that are not objects, and a get example whose shared is not one', () => {
    const model = createHuaweiVbsModel(contract({ detail: { shared: [['not a share'], share] }, single: { shared: 'none' } }));
    expect(model.answer(request('countBackupShares'))).toEqual({ status: 200, body: { count: 1 } });
  });

  it.each(['id', 'backup_id', 'from_project_id', 'to_project_id'])('refuses a share example without a string %s', (field) => {
    const error = thrown(() => createHuaweiVbsModel(contract({ detail: { shared: [{ ...share, [field]: 7 }] } })));
    expect(error).toBeInstanceOf(ModelSeedError);
    expect(error).toMatchObject({ name: 'ModelSeedError', message: `a share in the 200 example of listBackupShareDetails has no string ${field}` });
  });

  it.each([
    ['no backup', { shared: [{ ...share, backup: undefined }] }],
    ['a backup without its volume_id', { shared: [{ ...share, backup: { ...backup, volume_id: undefined } }] }],
    ['no shares at all', { shared: 'none' }],
  ])('refuses list examples with %s to model backups on', (_what, detail) => {
    expect(thrown(() => createHuaweiVbsModel(contract({ detail })))).toMatchObject({
      message: 'the 200 example of listBackupShareDetails embeds no backup (with id, name, status, volume_id, availability_zone) to model backups on',
    });
  });
});

describe('the 404 message', () => {
  const id = '0f0e0d0c-0b0a-0908-0706-050403020100';
  it.each<[string, unknown, string]>([
    ['none documented: a message of its own', undefined, `Backup share ${id} could not be found.`],
    [
      'a documented message naming an id: that id swapped',
      { itemNotFound: { code: 404, message: 'Share 8d4f5b2e-1c3a-4e5f-8a9b-0c1d2e3f4a5b is gone.' } },
      `Share ${id} is gone.`,
    ],
    ['a documented message without an id: the id added', { itemNotFound: { message: 'No such share.' } }, `No such share. (${id})`],
    ['an error_msg key, any case', { Error_Msg: 'Gone.' }, `Gone. (${id})`],
    ['only keys that merely contain "message"', { error_message: 'a', messages: 'b', code: 'x' }, `Backup share ${id} could not be found.`],
    ['the first message of several', { first: { note: 'n', message: 'First.' }, message: 'Second.' }, `First. (${id})`],
    ['an example of null', null, `Backup share ${id} could not be found.`],
    ['none in a list (only objects are searched)', { errors: [{ message: 'In a list.' }] }, `Backup share ${id} could not be found.`],
  ])('%s', (_what, notFound, message) => {
    const model = createHuaweiVbsModel(contract({ notFound }));
    for (const operationId of ['getBackupShare', 'cancelBackupShare']) {
      expect(model.answer(request(operationId, { params: { shared_id: id } }))).toEqual({ status: 404, refusal: message });
    }
  });

  it('comes from the first of several named examples that has one', () => {
    const doc = contract();
    const examples = { plain: { value: { code: 'VBS.404' } }, worded: { value: { message: 'Named example.' } } };
    doc.paths['/v2/{project_id}/os-vendor-backup-sharing/{shared_id}'].get.responses[404] = {
      description: 'documented',
      content: { 'application/json': { examples } },
    } as never;
    expect(createHuaweiVbsModel(doc).answer(request('getBackupShare', { params: { shared_id: id } }))).toEqual({
      status: 404,
      refusal: `Named example. (${id})`,
    });
  });
});

describe('answers', () => {
  const create = (model: ReturnType<typeof createHuaweiVbsModel>, to: string) =>
    model.answer(request('createBackupShares', { body: { shared: { backup_id: 'b-2', to_project_ids: [to] } } })) as {
      status: number;
      body: { shared: { created_at: string }[] };
    };

  it('stamps created shares with strictly increasing microsecond times, even within one microsecond', () => {
    const model = createHuaweiVbsModel(contract());
    vi.spyOn(performance, 'now').mockReturnValue(1_000);
    const stamps = ['p-1', 'p-2', 'p-3'].map((to) => create(model, to).body.shared[0]!.created_at);
    for (const stamp of stamps) expect(stamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/);
    expect([...stamps].sort()).toEqual(stamps);
    expect(new Set(stamps).size).toBe(3);
    expect(Math.abs(Date.parse(`${stamps[0]!}Z`) - Date.now())).toBeLessThan(60_000);
    vi.restoreAllMocks();
  });

  it('stamps created shares with the wall-clock time', () => {
    const before = Date.now();
    const stamp = create(createHuaweiVbsModel(contract()), 'p-1').body.shared[0]!.created_at;
    const after = Date.now();
    // the clock is performance's (monotonic), which may stray from Date's by a few milliseconds
    expect(Date.parse(`${stamp}Z`)).toBeGreaterThanOrEqual(before - 50);
    expect(Date.parse(`${stamp}Z`)).toBeLessThanOrEqual(after + 50);
  });

  it('keeps a null value and a missing one in their listed order, either way round', () => {
    const none = { ...share, id: 's-c', to_project_id: 'p-none' };
    const nulled = { ...share, id: 's-a', to_project_id: 'p-null', updated_at: null };
    for (const shares of [
      [none, nulled],
      [nulled, none],
    ]) {
      const model = createHuaweiVbsModel(contract({ detail: { shared: shares } }));
      expect(listedTo(model, 'sort_key=updated_at&sort_dir=asc')).toEqual(shares.map((item) => item.to_project_id));
    }
  });

  it('sorts null and missing values first, whichever side they are on', () => {
    const shares = [
      { ...share, id: 's-a', to_project_id: 'p-null', updated_at: null },
      { ...share, id: 's-b', to_project_id: 'p-2020', updated_at: '2020-02-02T00:00:00.000000' },
      { ...share, id: 's-c', to_project_id: 'p-none' },
      { ...share, id: 's-d', to_project_id: 'p-2021', updated_at: '2021-02-02T00:00:00.000000' },
    ];
    const model = createHuaweiVbsModel(contract({ detail: { shared: shares } }));
    const order = (query: string) => listedTo(model, query);
    expect(order('sort_key=updated_at&sort_dir=asc')).toEqual(['p-null', 'p-none', 'p-2020', 'p-2021']);
    expect(order('sort_key=updated_at&sort_dir=desc')).toEqual(['p-2021', 'p-2020', 'p-null', 'p-none']);
  });

  it('refuses a sort_key the page does not list, naming the ones it does', () => {
    expect(createHuaweiVbsModel(contract()).answer(request('listBackupShareDetails', { query: 'sort_key=to_project_id' }))).toEqual({
      status: 400,
      refusal: 'Invalid input received: sort_key to_project_id is not one of name, status, container_format, disk_format, size, id, created_at, updated_at.',
    });
  });

  it.each([
    ['sort_key=name&sort_dir=asc', ['p-alpha', 'p-beta', 'p-gamma']],
    ['sort_key=name&sort_dir=desc', ['p-gamma', 'p-beta', 'p-alpha']],
    // sizes compare as numbers (9 before 10); the two 10s tie, in the order listed
    ['sort_key=size&sort_dir=asc', ['p-gamma', 'p-beta', 'p-alpha']],
    ['sort_key=status&sort_dir=asc', ['p-beta', 'p-alpha', 'p-gamma']],
    // no backup has the field: every share ties, in the order listed
    ['sort_key=disk_format&sort_dir=asc', ['p-beta', 'p-gamma', 'p-alpha']],
    ['sort_key=container_format&sort_dir=desc', ['p-beta', 'p-gamma', 'p-alpha']],
    ['sort_key=id&sort_dir=asc', ['p-alpha', 'p-beta', 'p-gamma']],
  ])("sorts by the backup's or the share's field the page's sort_key names: %s", (query, wanted) => {
    const of = (id: string, to: string, name: string, size: number, status: string) => ({
      ...share,
      id,
      backup_id: `b-${id}`,
      to_project_id: to,
      backup: { ...backup, id: `b-${id}`, name, size, status },
    });
    const shares = [of('s-2', 'p-beta', 'beta', 10, 'available'), of('s-3', 'p-gamma', 'gamma', 9, 'error'), of('s-1', 'p-alpha', 'alpha', 10, 'creating')];
    expect(listedTo(createHuaweiVbsModel(contract({ detail: { shared: shares } })), query)).toEqual(wanted);
  });

  it('cancels by backup only the shares of that backup', () => {
    const other = { ...share, id: 's-2', backup_id: 'b-2', backup: { ...backup, id: 'b-2' } };
    const model = createHuaweiVbsModel(contract({ detail: { shared: [share, other] } }));
    expect(model.answer(request('cancelBackupShare', { params: { shared_id: 'b-1' }, query: 'is_backup_id=true' }))).toEqual({ status: 200 });
    expect(model.answer(request('countBackupShares'))).toEqual({ status: 200, body: { count: 1 } });
  });

  it('sorts a missing timestamp before every real one', () => {
    const model = createHuaweiVbsModel(contract({ detail: { shared: [{ ...share, updated_at: '2020-02-02T00:00:00.000000' }] } }));
    create(model, 'p-9');
    const order = (query: string) => listedTo(model, query);
    expect(order('sort_key=updated_at&sort_dir=asc')).toEqual(['p-9', 'p-to']);
    expect(order('sort_key=updated_at&sort_dir=desc')).toEqual(['p-to', 'p-9']);
  });

  it('sorts a missing timestamp first also when it is listed first', () => {
    const late = { ...share, id: 's-2', to_project_id: 'p-late', updated_at: '2020-02-02T00:00:00.000000' };
    const model = createHuaweiVbsModel(contract({ detail: { shared: [share, late] } }));
    const order = (query: string) => listedTo(model, query);
    expect(order('sort_key=updated_at&sort_dir=asc')).toEqual(['p-to', 'p-late']);
    expect(order('sort_key=updated_at&sort_dir=desc')).toEqual(['p-late', 'p-to']);
  });

  it.each([
    ['offset=1x', ['p-to', 'p-9']],
    ['limit=1x', ['p-to', 'p-9']],
    ['limit=x1', ['p-to', 'p-9']],
    ['limit=1', ['p-to']],
    ['offset=10', []],
  ])('reads %s as a whole number or not at all', (query, wanted) => {
    const model = createHuaweiVbsModel(contract());
    create(model, 'p-9');
    expect(listedTo(model, `sort_dir=asc&${query}`)).toEqual(wanted);
  });

  it.each<[string, unknown]>([
    ['targets that are not all strings', { shared: { backup_id: 'b-1', to_project_ids: ['p-2', 3] } }],
    ['targets that are not a list', { shared: { backup_id: 'b-1', to_project_ids: 'p-2' } }],
    ['no backup_id', { shared: { to_project_ids: ['p-2'] } }],
    ['no shared object', { backup_id: 'b-1', to_project_ids: ['p-2'] }],
    ['no body', undefined],
  ])('refuses to create shares from a body with %s', (_what, body) => {
    expect(createHuaweiVbsModel(contract()).answer(request('createBackupShares', { body }))).toEqual({
      status: 400,
      refusal: 'Invalid input received: the body needs shared.backup_id and shared.to_project_ids.',
    });
  });
});
