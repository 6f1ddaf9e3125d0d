// Stateful model of Huawei VBS backup sharing (createBackupShares, listBackupShareDetails,
// countBackupShares, getBackupShare, cancelBackupShare): the share records of one mock process,
// seeded from the contract's own examples, with the vendor's semantics as the contract describes
// them (share_to_me scope, fuzzy name, both availability-zone spellings on the listing, the page's
// on the count, the page's sort keys, offset paging, get-one with its backup).
import { randomUUID } from 'node:crypto';
import type { ContractIndex } from '../contract-index.js';
import { type ModelAnswer, type ModelRequest, ModelSeedError, responseExamples, type StateModel } from '../state/model.js';

/** A share record, as the contract's BackupShare schema has it (create answers every field). */
interface ShareRecord {
  id: string;
  backup_id: string;
  from_project_id: string;
  to_project_id: string;
  created_at: string | null;
  updated_at: string | null;
  deleted?: string | null;
  deleted_at?: string | null;
}

/** The backup a share refers to (the contract's SharedBackup); only the fields the filters read are named. */
interface Backup {
  id: string;
  name: string;
  status: string;
  volume_id: string;
  availability_zone: string;
  [field: string]: unknown;
}

/** A share with its backup, as the filters see it. */
interface Share {
  record: ShareRecord;
  backup: Backup;
}

/** The BackupShare fields, in the contract's order; the only fields a record is answered with. */
const shareFields = ['id', 'backup_id', 'from_project_id', 'to_project_id', 'created_at', 'updated_at', 'deleted', 'deleted_at'] as const;

/** The filters count and list document, each over a share and its backup. */
const filters: Record<string, (share: Share, value: string) => boolean> = {
  volume_id: ({ backup }, value) => backup.volume_id === value,
  // the contract: a fuzzy (substring) match
  name: ({ backup }, value) => String(backup.name).toLowerCase().includes(value.toLowerCase()),
  status: ({ backup }, value) => backup.status === value,
  backup_id: ({ record }, value) => record.backup_id === value,
  from_project_id: ({ record }, value) => record.from_project_id === value,
  to_project_id: ({ record }, value) => record.to_project_id === value,
  availability_zone: ({ backup }, value) => backup.availability_zone === value,
  // the vendor page's spelling (sic) of the same filter
  avalilability_zone: ({ backup }, value) => backup.availability_zone === value,
};

// the count takes only the page's spelling of the zone filter: no SDK counts shares, so nothing
// says the service reads `availability_zone` there (the contract leaves it out)
const countFilters = Object.keys(filters).filter((name) => name !== 'availability_zone');
const listFilters = Object.keys(filters);

/** What each sort_key the contract lists (the page's values, in its order) sorts by: the backup's field or the share's. */
const sortValues: Record<string, (share: Share) => unknown> = {
  name: ({ backup }) => backup.name,
  status: ({ backup }) => backup.status,
  // the page lists them, but a share's backup as the contract describes it has no such field:
  // every share ties, and ties keep the order the shares were created in
  container_format: ({ backup }) => backup.container_format,
  disk_format: ({ backup }) => backup.disk_format,
  size: ({ backup }) => backup.size,
  id: ({ record }) => record.id,
  created_at: ({ record }) => record.created_at,
  updated_at: ({ record }) => record.updated_at,
};

const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** What the state starts from (and returns to on reset), read from the contract. */
interface Seed {
  shares: ShareRecord[];
  backups: Map<string, Backup>;
  /** the backup new backups are copied from: the first one the detail example shows */
  template: Backup;
  /** the documented 404 message of each by-id operation, naming the id asked for */
  notFound: Record<'getBackupShare' | 'cancelBackupShare', (id: string) => string>;
}

function pickRecord(example: Record<string, unknown>, where: string): ShareRecord {
  for (const field of ['id', 'backup_id', 'from_project_id', 'to_project_id'] as const) {
    if (typeof example[field] !== 'string') throw new ModelSeedError(`a share in ${where} has no string ${field}`);
  }
  return Object.fromEntries(shareFields.filter((field) => field in example).map((field) => [field, example[field]])) as unknown as ShareRecord;
}

function isBackup(value: unknown): value is Backup {
  return isObject(value) && ['id', 'name', 'status', 'volume_id', 'availability_zone'].every((field) => typeof value[field] === 'string');
}

/** The first message in a documented error example, e.g. `Backup share <uuid> could not be found.` */
function exampleMessage(example: unknown): string | undefined {
  if (!isObject(example)) return undefined;
  for (const [key, value] of Object.entries(example)) {
    const found = typeof value === 'string' ? (/^(message|error_msg)$/i.test(key) ? value : undefined) : exampleMessage(value);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The operation's documented 404 message with its example id swapped for the one asked for. */
function notFoundMessage(contract: ContractIndex, operationId: string): (id: string) => string {
  const message = responseExamples(contract, operationId, 404)
    .map(exampleMessage)
    .find((text) => text !== undefined);
  if (message === undefined) return (id) => `Backup share ${id} could not be found.`;
  return uuid.test(message) ? (id) => message.replace(uuid, id) : (id) => `${message} (${id})`;
}

/** The share records of the detail and get examples (one per id), and the backups the detail example embeds. */
function readSeed(contract: ContractIndex): Seed {
  const detailExamples = responseExamples(contract, 'listBackupShareDetails', 200).flatMap((example) => {
    const shared = isObject(example) ? example.shared : undefined;
    return Array.isArray(shared) ? shared.filter(isObject) : [];
  });
  const singleExamples = responseExamples(contract, 'getBackupShare', 200).flatMap((example) =>
    isObject(example) && isObject(example.shared) ? [example.shared] : [],
  );
  const records = new Map<string, ShareRecord>();
  const backups = new Map<string, Backup>();
  for (const [examples, where] of [
    [detailExamples, 'the 200 example of listBackupShareDetails'],
    [singleExamples, 'the 200 example of getBackupShare'],
  ] as const) {
    for (const example of examples) {
      const record = pickRecord(example, where);
      // the same share in both examples: the first seen wins, the other fills in what it lacks
      records.set(record.id, { ...record, ...records.get(record.id) });
      if (isBackup(example.backup) && !backups.has(example.backup.id)) backups.set(example.backup.id, example.backup);
    }
  }
  // new backups are modelled on the detail example's (the get example may embed one too)
  const template = detailExamples.map((example) => example.backup).find(isBackup);
  if (!template)
    throw new ModelSeedError(
      'the 200 example of listBackupShareDetails embeds no backup (with id, name, status, volume_id, availability_zone) to model backups on',
    );
  return {
    shares: [...records.values()],
    backups,
    template,
    notFound: { getBackupShare: notFoundMessage(contract, 'getBackupShare'), cancelBackupShare: notFoundMessage(contract, 'cancelBackupShare') },
  };
}

/**
 * Now in UTC as the service writes it: no zone, microseconds (`2017-08-10T12:25:40.480424`).
 * Strictly increasing, so the order shares were created in is also their created_at order.
 */
function microsecondClock(): () => string {
  let last = 0;
  return () => {
    last = Math.max(Math.floor((performance.timeOrigin + performance.now()) * 1000), last + 1);
    return `${new Date(Math.floor(last / 1000)).toISOString().slice(0, 19)}.${String(last % 1_000_000).padStart(6, '0')}`;
  };
}

/** The shares and backups one mock process knows. */
class SharingState {
  readonly shares: ShareRecord[];
  readonly #backups: Map<string, Backup>;
  readonly #template: Backup;

  constructor(seed: Seed) {
    this.shares = structuredClone(seed.shares);
    this.#backups = structuredClone(seed.backups);
    this.#template = seed.template;
  }

  /** The known backup with this id, else one copied from the seed's backup (and remembered). */
  backupOf(id: string): Backup {
    let backup = this.#backups.get(id);
    if (!backup) this.#backups.set(id, (backup = { ...structuredClone(this.#template), id, name: `backup-${id.slice(0, 8)}` }));
    return backup;
  }

  remove(doomed: ShareRecord[]): void {
    for (const record of doomed) this.shares.splice(this.shares.indexOf(record), 1);
  }
}

const refuse = (status: number, refusal: string): ModelAnswer => ({ status, refusal });
const involves = (record: ShareRecord, project: string | undefined) => record.from_project_id === project || record.to_project_id === project;
const recordOf = (record: ShareRecord): ShareRecord => ({ ...record });
const detailOf = ({ record, backup }: Share) => ({ ...record, backup: structuredClone(backup) });

/** The shares count and list see: the path project's scope (share_to_me), then every filter given. */
function matching(state: SharingState, { params, query }: ModelRequest, names: readonly string[]): Share[] {
  const toMe = query.get('share_to_me')?.toLowerCase() === 'true';
  const given = names.flatMap((name) => {
    const value = query.get(name);
    const test = filters[name]!;
    return value === null ? [] : [(share: Share) => test(share, value)];
  });
  return state.shares
    .filter((record) => (toMe ? record.to_project_id : record.from_project_id) === params.project_id)
    .map((record) => ({ record, backup: state.backupOf(record.backup_id) }))
    .filter((share) => given.every((test) => test(share)));
}

const integer = (text: string | null): number | undefined => (/^\d+$/.test(String(text)) ? Number(text) : undefined);

/** null sorts before any value, as a missing timestamp comes before every real one; numbers (size) by value. */
function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  // null and missing are one value, or the order would depend on the sort's own steps
  if (a === null || a === undefined) return b === null || b === undefined ? 0 : -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : 1;
  return String(a) < String(b) ? -1 : 1;
}

function list(state: SharingState, request: ModelRequest): ModelAnswer {
  const { query } = request;
  const sortKey = query.get('sort_key') ?? 'created_at';
  const sortValue = Object.hasOwn(sortValues, sortKey) ? sortValues[sortKey] : undefined;
  if (!sortValue) return refuse(400, `Invalid input received: sort_key ${sortKey} is not one of ${Object.keys(sortValues).join(', ')}.`);
  const direction = query.get('sort_dir')?.toLowerCase() === 'asc' ? 1 : -1;
  // Array.prototype.sort is stable: ties keep the order the shares were created in
  const sorted = matching(state, request, listFilters).sort((a, b) => direction * compare(sortValue(a), sortValue(b)));
  const offset = integer(query.get('offset')) ?? 0;
  const limit = integer(query.get('limit'));
  const end = limit === undefined ? sorted.length : offset + limit;
  const body: { shared: unknown[]; shared_links?: { rel: string; href: string }[] } = { shared: sorted.slice(offset, end).map(detailOf) };
  if (end < sorted.length) {
    const next = new URL(request.url);
    next.searchParams.set('offset', String(end));
    body.shared_links = [{ rel: 'next', href: next.href }];
  }
  return { status: 200, body };
}

function create(state: SharingState, { params, body }: ModelRequest, now: () => string): ModelAnswer {
  const shared = isObject(body) && isObject(body.shared) ? body.shared : {};
  const { backup_id: backupId, to_project_ids: targets } = shared;
  if (typeof backupId !== 'string' || !Array.isArray(targets) || !targets.every((target) => typeof target === 'string'))
    return refuse(400, 'Invalid input received: the body needs shared.backup_id and shared.to_project_ids.');
  const taken = new Set(state.shares.filter((record) => record.backup_id === backupId).map((record) => record.to_project_id));
  for (const target of targets) {
    if (taken.has(target)) return refuse(400, `Invalid input received: backup ${backupId} is already shared with project ${target}.`);
    taken.add(target);
  }
  state.backupOf(backupId);
  const created = targets.map(
    (target): ShareRecord => ({
      id: randomUUID(),
      backup_id: backupId,
      from_project_id: params.project_id!,
      to_project_id: target,
      created_at: now(),
      updated_at: null,
      deleted: 'false',
      deleted_at: null,
    }),
  );
  state.shares.push(...created);
  return { status: 200, body: { shared: created.map(recordOf) } };
}

/** One share with its backup embedded, as the page and golangsdk's fixture answer it. */
function get(state: SharingState, { params }: ModelRequest, seed: Seed): ModelAnswer {
  const record = state.shares.find((candidate) => candidate.id === params.shared_id && involves(candidate, params.project_id));
  return record
    ? { status: 200, body: { shared: detailOf({ record, backup: state.backupOf(record.backup_id) }) } }
    : refuse(404, seed.notFound.getBackupShare(params.shared_id!));
}

/** By share id (a share the project sends or receives), or with is_backup_id=true every share of a backup the project sends. */
function cancel(state: SharingState, { params, query }: ModelRequest, seed: Seed): ModelAnswer {
  const id = params.shared_id!;
  const byBackup = query.get('is_backup_id')?.toLowerCase() === 'true';
  const doomed = state.shares.filter((record) =>
    byBackup ? record.backup_id === id && record.from_project_id === params.project_id : record.id === id && involves(record, params.project_id),
  );
  if (doomed.length === 0) return refuse(404, seed.notFound.cancelBackupShare(id));
  state.remove(doomed);
  // the contract: 200 without a body
  return { status: 200 };
}

/** The model of one mock process; throws ModelSeedError when the contract lacks the examples it seeds from. */
export function createHuaweiVbsModel(contract: ContractIndex): StateModel {
  const seed = readSeed(contract);
  const now = microsecondClock();
  let state = new SharingState(seed);
  const operations: Record<string, (request: ModelRequest) => ModelAnswer> = {
    createBackupShares: (request) => create(state, request, now),
    listBackupShareDetails: (request) => list(state, request),
    countBackupShares: (request) => ({ status: 200, body: { count: matching(state, request, countFilters).length } }),
    getBackupShare: (request) => get(state, request, seed),
    cancelBackupShare: (request) => cancel(state, request, seed),
  };
  return {
    operationIds: new Set(Object.keys(operations)),
    answer: (request) => operations[request.operationId]!(request),
    reset: () => {
      state = new SharingState(seed);
    },
  };
}
