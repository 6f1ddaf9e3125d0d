// Property tests against the real mock. Valid inputs built from the contract always get data
// that matches the success schema; invalid inputs through the typed client are refused by the
// client (ClientInputError naming the field, nothing sent), and the same input sent raw, when
// it is still invalid on the wire, is refused by the mock; and invalid raw requests are refused
// by the mock itself, naming the field.
import { ClientInputError } from '@cloud-backup-contracts/client';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ApiName } from '../src/index.ts';
import { type AuthFlavour, authFlavours, callOperation, projectId, suiteMock } from './support/clients.ts';
import { type ClientInput, type ContractOperation, loadContract, responseSchemaPointer, schemaErrors } from './support/contract.ts';
import { sendRaw } from './support/raw-http.ts';
import { namesField, violationsOf } from './support/violations.ts';

// at least 200 runs per property; FC_NUM_RUNS raises it
const numRuns = Math.max(200, Number.parseInt(process.env.FC_NUM_RUNS ?? '', 10) || 0);
const mock = suiteMock();
const contracts = { 'huawei-vbs': loadContract('huawei-vbs'), 'alibaba-hbr': loadContract('alibaba-hbr') };
const operation = (api: ApiName, operationId: string): ContractOperation => contracts[api].operations.find((o) => o.operationId === operationId)!;

// ---------------------------------------------------------------- valid inputs, from the schemas

/** any string the contract's `type: string` admits (whole graphemes: no lone surrogates) */
const text = fc.string({ unit: 'grapheme', maxLength: 24 });
const hexProjectId = fc.stringMatching(/^[0-9a-f]{32}$/);
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
// note: "." and ".." are dot-segments; the URL parser removes them, so no client can send them as a path parameter
const pathId = fc.oneof(fc.uuid(), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 24 })).filter((id) => id !== '.' && id !== '..');

const countFilters = {
  share_to_me: fc.boolean(),
  volume_id: text,
  name: text,
  status: fc.oneof(fc.constantFrom('available', 'error', 'restoring', 'creating', 'deleting', 'error_restoring'), text),
  backup_id: fc.oneof(fc.uuid(), text),
  from_project_id: fc.oneof(hexProjectId, text),
  to_project_id: fc.oneof(hexProjectId, text),
  avalilability_zone: text,
};
// the listing also takes the SDKs' spelling of the zone filter; the count documents only the page's
const filters = fc.record({ ...countFilters, availability_zone: text }, { requiredKeys: [] });
const paging = fc.record(
  {
    sort_dir: fc.constantFrom('asc', 'desc'),
    sort_key: fc.constantFrom('name', 'status', 'container_format', 'disk_format', 'size', 'id', 'created_at', 'updated_at'),
    // no source bounds them: any whole number is the service's to judge
    limit: fc.oneof(fc.integer({ min: -10, max: 1000 }), fc.maxSafeInteger()),
    offset: fc.oneof(fc.integer({ min: -10, max: 1000 }), fc.maxSafeInteger()),
  },
  { requiredKeys: [] },
);
const createBody = fc.record({
  shared: fc.record({
    // the page states only the types: any string, and any list of strings
    backup_id: fc.oneof(fc.uuid(), text),
    to_project_ids: fc.uniqueArray(fc.oneof(hexProjectId, fc.string({ unit: 'grapheme', maxLength: 32 })), { maxLength: 5 }),
  }),
});

const validInputs: Record<ApiName, Record<string, fc.Arbitrary<ClientInput>>> = {
  'huawei-vbs': {
    createBackupShares: createBody.map((body) => ({ body })),
    listBackupShareDetails: fc.tuple(filters, paging).map(([f, p]) => ({ query: { ...f, ...p } })),
    countBackupShares: fc.record(countFilters, { requiredKeys: [] }).map((query) => ({ query })),
    getBackupShare: pathId.map((shared_id) => ({ path: { shared_id } })),
    cancelBackupShare: fc.tuple(pathId, optional(fc.boolean())).map(([shared_id, is_backup_id]) => ({
      path: { shared_id },
      ...(is_backup_id === undefined ? {} : { query: { is_backup_id } }),
    })),
  },
  'alibaba-hbr': {
    getBasicStatistics: fc.constant({ query: { SourceType: 'ECS_FILE' } }),
    getBasicStatisticsViaPost: fc.constant({ query: { SourceType: 'ECS_FILE' } }),
  },
};

describe.each(['huawei-vbs', 'alibaba-hbr'] as const)('%s: arbitrary valid input → data matching the success schema', (api) => {
  const contract = contracts[api];

  it('has a generator for every operation of the contract', () => {
    expect(Object.keys(validInputs[api]).sort()).toEqual(contract.operations.map((o) => o.operationId).sort());
  });

  it.each(contract.operations.map((o) => o.operationId))('%s', async (operationId) => {
    const op = operation(api, operationId);
    const success = op.statuses.find((status) => status >= 200 && status < 300)!;
    const schema = responseSchemaPointer(contract, op, success);
    await fc.assert(
      fc.asyncProperty(validInputs[api][operationId]!, fc.constantFrom(...authFlavours[api]), async (input, auth) => {
        const result = await mock.guard.call(api, () => callOperation(mock.client(auth), operationId, input));
        expect(result.error, result.error ? String(result.error) : '').toBeUndefined();
        expect(result.response?.status).toBe(success);
        if (schema) expect(schemaErrors(contract, schema, result.data)).toEqual([]);
        else expect(result.data).toBeUndefined();
      }),
      { numRuns },
    );
  });
});

// ---------------------------------------------------------------- invalid inputs, through the client

const shares = `/v2/${projectId}/os-vendor-backup-sharing`;
const token = { 'X-Auth-Token': 'contract-suite-token' };
const query = (params: Record<string, string>) => new URLSearchParams(params).toString();

interface Broken {
  /** the operation called */
  operationId: string;
  input: ClientInput;
  /** the field that breaks the contract, as it appears in ClientInputError.field */
  field: string;
  /** the same bad input as the mock would receive it, when it survives serialisation (a number
   * in a string filter does not: on the wire it is a valid string) */
  wire?: { method: string; target: string; headers: Record<string, string>; body?: string };
}

const notBoolean = fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.array(fc.boolean(), { minLength: 1, maxLength: 2 }));
const notString = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(text, { minLength: 1, maxLength: 2 }),
  fc.dictionary(text, text, { maxKeys: 2 }),
);
const notInteger = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Number.isInteger(n)),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY),
  fc.string(),
);
const sortKeys = ['name', 'status', 'container_format', 'disk_format', 'size', 'id', 'created_at', 'updated_at'];
const notSortKey = fc.oneof(
  text.filter((s) => !sortKeys.includes(s)),
  fc.integer(),
);
const notSortDir = fc.oneof(
  text.filter((s) => s !== 'asc' && s !== 'desc'),
  fc.integer(),
);
const notStringOrArray = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.dictionary(text, text, { maxKeys: 2 }));
const stringFilters = ['volume_id', 'name', 'status', 'backup_id', 'from_project_id', 'to_project_id', 'avalilability_zone', 'availability_zone'] as const;

const brokenHuaweiInput: fc.Arbitrary<Broken> = fc.oneof(
  // wrong types on the listing and count filters
  fc
    .tuple(fc.constantFrom('listBackupShareDetails', 'countBackupShares'), notBoolean)
    .map(([operationId, v]) => ({ operationId, input: { query: { share_to_me: v } }, field: 'share_to_me' })),
  fc
    .tuple(fc.constantFrom('listBackupShareDetails', 'countBackupShares'), fc.constantFrom(...stringFilters), notString)
    .map(([operationId, name, v]) => ({ operationId, input: { query: { [name]: v } }, field: name })),
  // the SDKs' zone spelling on the count, which documents only the page's
  fc.constant({ operationId: 'countBackupShares', input: { query: { availability_zone: 'cn-north-4a' } }, field: 'availability_zone' }),
  // non-integer pagination, a sort key or direction the page does not list
  notInteger.map((v) => ({ operationId: 'listBackupShareDetails', input: { query: { limit: v } }, field: 'limit' })),
  notInteger.map((v) => ({ operationId: 'listBackupShareDetails', input: { query: { offset: v } }, field: 'offset' })),
  notSortKey.map((v) => ({
    operationId: 'listBackupShareDetails',
    input: { query: { sort_key: v } },
    field: 'sort_key',
    // note: Prism reads a blank value as absent
    ...(String(v).trim() === '' ? {} : { wire: { method: 'GET', target: `${shares}/detail?${query({ sort_key: String(v) })}`, headers: token } }),
  })),
  notSortDir.map((v) => ({
    operationId: 'listBackupShareDetails',
    input: { query: { sort_dir: v } },
    field: 'sort_dir',
    // note: Prism reads a blank value as absent
    ...(String(v).trim() === '' ? {} : { wire: { method: 'GET', target: `${shares}/detail?${query({ sort_dir: String(v) })}`, headers: token } }),
  })),
  // path ids: empty or not a string
  fc
    .tuple(fc.constantFrom('getBackupShare', 'cancelBackupShare'), fc.oneof(fc.constant(''), fc.integer(), fc.constant(null)))
    .map(([operationId, v]) => ({ operationId, input: { path: { shared_id: v } }, field: 'shared_id' })),
  notBoolean.map((v) => ({
    operationId: 'cancelBackupShare',
    input: { path: { shared_id: 'e842bf23-1e05-4c2c-b0f9-25222f4686da' }, query: { is_backup_id: v } },
    field: 'is_backup_id',
  })),
  // create bodies: members of the wrong type, a project list that is not one, missing members
  fc
    .tuple(fc.uuid(), notString)
    .map(([id, v]) => ({ operationId: 'createBackupShares', input: { body: { shared: { backup_id: id, to_project_ids: [v] } } }, field: 'to_project_ids' })),
  fc
    .tuple(notStringOrArray, hexProjectId)
    .map(([id, p]) => ({ operationId: 'createBackupShares', input: { body: { shared: { backup_id: id, to_project_ids: [p] } } }, field: 'backup_id' })),
  fc
    .tuple(
      fc.uuid(),
      notString.filter((v) => !Array.isArray(v)),
    )
    .map(([id, v]) => ({ operationId: 'createBackupShares', input: { body: { shared: { backup_id: id, to_project_ids: v } } }, field: 'to_project_ids' })),
  fc.constant({ operationId: 'createBackupShares', input: { body: {} }, field: 'shared' }),
  fc.constant({ operationId: 'createBackupShares', input: {}, field: 'body' }),
  fc.tuple(fc.uuid()).map(([id]) => ({ operationId: 'createBackupShares', input: { body: { shared: { backup_id: id } } }, field: 'to_project_ids' })),
);

// every create body the client refuses is also sent as JSON to the mock, which must refuse it too
const brokenHuawei = brokenHuaweiInput.map((broken): Broken => {
  if (broken.operationId !== 'createBackupShares' || broken.input.body === undefined) return broken;
  const headers = { ...token, 'content-type': 'application/json' };
  return { ...broken, wire: { method: 'POST', target: shares, headers, body: JSON.stringify(broken.input.body) } };
});

const brokenAlibaba: fc.Arbitrary<Broken> = fc
  .tuple(
    fc.constantFrom('getBasicStatistics', 'getBasicStatisticsViaPost'),
    fc.oneof(
      fc
        .oneof(text, fc.string())
        .filter((s) => s !== 'ECS_FILE')
        .map((v) => ({ query: { SourceType: v } })),
      fc.oneof(fc.integer(), fc.boolean(), fc.constant(null)).map((v) => ({ query: { SourceType: v } })),
      fc.constant({}),
      fc.constant({ query: {} }),
    ),
  )
  .map(([operationId, input]) => {
    const sourceType = (input as ClientInput).query?.SourceType;
    const broken: Broken = { operationId, input: input as ClientInput, field: 'SourceType' };
    // note: Prism reads a blank value as absent
    if (typeof sourceType === 'string' && sourceType.trim() === '') return broken;
    const form = operationId === 'getBasicStatistics' ? alibabaForms[0]! : alibabaForms[1]!;
    const params = { ...(sourceType === undefined ? {} : { SourceType: String(sourceType) }), ...form.extra };
    return { ...broken, wire: { method: form.method, target: `/?${query(params)}`, headers: form.headers } };
  });

describe.each([
  ['huawei-vbs', brokenHuawei],
  ['alibaba-hbr', brokenAlibaba],
] as const)('%s: arbitrary invalid input through the typed client', (api, broken) => {
  it('is refused by the client (ClientInputError naming the field), and the same input sent raw is refused by the mock (4xx)', async () => {
    const refused = { byClient: 0, byMock: 0, runs: 0, onTheWire: 0 };
    await fc.assert(
      fc.asyncProperty(broken, fc.constantFrom<AuthFlavour>(...authFlavours[api]), async ({ operationId, input, field, wire }, auth) => {
        refused.runs++;
        const call = mock.guard.call(api, () => callOperation(mock.client(auth), operationId, input));
        await expect(call).rejects.toBeInstanceOf(ClientInputError);
        await expect(call).rejects.toHaveProperty('field', expect.stringContaining(field));
        refused.byClient++;
        if (!wire) return;
        refused.onTheWire++;
        mock.guard.assertAlive();
        const answer = await sendRaw({ method: wire.method, url: `${mock.urls[api]}${wire.target}`, headers: wire.headers, body: wire.body });
        expect(answer.status, `${wire.method} ${wire.target} ${wire.body ?? ''}: ${answer.body}`).toBeGreaterThanOrEqual(400);
        expect(answer.status).toBeLessThan(500);
        refused.byMock++;
      }),
      { numRuns },
    );
    // every run reached the client, and the runs with a wire form reached the mock too
    expect(refused.byClient).toBe(refused.runs);
    expect(refused.byMock).toBe(refused.onTheWire);
    expect(refused.onTheWire).toBeGreaterThan(0);
    console.log(
      `invalid ${api} input: ${refused.byClient} of ${refused.runs} refused by the client, ${refused.byMock} of them refused by the mock when sent raw`,
    );
  });
});

// ---------------------------------------------------------------- invalid raw requests, to the mock

interface RawBroken {
  method: string;
  target: string;
  headers: Record<string, string>;
  body?: string;
  /** the field a violation must name */
  field: string;
}

// raw values Prism cannot read as the declared type (it coerces "1e3", "0x10", " 1" and
// "Infinity" to numbers and treats an empty value as absent, so those are left out)
const rawNotBoolean = fc.oneof(fc.string({ minLength: 1 }), fc.integer().map(String)).filter((s) => s !== 'true' && s !== 'false' && s.trim() !== '');
const rawNotInteger = fc.oneof(
  fc
    .double({ noNaN: true, noDefaultInfinity: true })
    .filter((n) => !Number.isInteger(n))
    .map(String),
  fc.stringMatching(/^[a-z][a-z_]{0,11}$/),
);
const rawNotSortDir = fc.string({ minLength: 1 }).filter((s) => s !== 'asc' && s !== 'desc' && s.trim() !== '');
const rawNotSortKey = fc.string({ minLength: 1 }).filter((s) => !sortKeys.includes(s) && s.trim() !== '');
const rawNotSourceType = fc.string({ minLength: 1 }).filter((s) => s !== 'ECS_FILE' && s.trim() !== '');

const rawBrokenHuawei: fc.Arbitrary<RawBroken> = fc.oneof(
  fc
    .tuple(fc.constantFrom('count', 'detail'), rawNotBoolean)
    .map(([endpoint, v]) => ({ method: 'GET', target: `${shares}/${endpoint}?${query({ share_to_me: v })}`, headers: token, field: 'share_to_me' })),
  fc
    .tuple(fc.constantFrom('limit', 'offset'), rawNotInteger)
    .map(([name, v]) => ({ method: 'GET', target: `${shares}/detail?${query({ [name]: v })}`, headers: token, field: name })),
  rawNotSortDir.map((v) => ({ method: 'GET', target: `${shares}/detail?${query({ sort_dir: v })}`, headers: token, field: 'sort_dir' })),
  rawNotSortKey.map((v) => ({ method: 'GET', target: `${shares}/detail?${query({ sort_key: v })}`, headers: token, field: 'sort_key' })),
  rawNotBoolean.map((v) => ({
    method: 'DELETE',
    target: `${shares}/e842bf23-1e05-4c2c-b0f9-25222f4686da?${query({ is_backup_id: v })}`,
    headers: token,
    field: 'is_backup_id',
  })),
  // any JSON document that is not a valid create body
  fc
    .oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.record({
        shared: fc.record(
          { backup_id: fc.oneof(fc.uuid(), text), to_project_ids: fc.array(fc.oneof(text, fc.integer()), { maxLength: 3 }) },
          { requiredKeys: [] },
        ),
      }),
    )
    .filter((body) => schemaErrors(contracts['huawei-vbs'], '/components/schemas/CreateBackupSharesRequest', body).length > 0)
    .map((body) => ({ method: 'POST', target: shares, headers: { ...token, 'content-type': 'application/json' }, body: JSON.stringify(body), field: 'body' })),
);

const alibabaForms: { method: string; extra: Record<string, string>; headers: Record<string, string> }[] = [
  { method: 'GET', extra: { Action: 'GetBasicStatistics', Version: '2017-09-08', Signature: 'Zm9vYmFy' }, headers: {} },
  {
    method: 'POST',
    extra: {},
    headers: {
      'x-acs-action': 'GetBasicStatistics',
      'x-acs-version': '2017-09-08',
      Authorization: 'ACS3-HMAC-SHA256 Credential=x,SignedHeaders=host,Signature=y',
    },
  },
];
const rawBrokenAlibaba: fc.Arbitrary<RawBroken> = fc
  .tuple(fc.constantFrom(...alibabaForms), fc.option(rawNotSourceType, { nil: undefined }))
  .map(([form, sourceType]) => ({
    method: form.method,
    target: `/?${query({ ...(sourceType === undefined ? {} : { SourceType: sourceType }), ...form.extra })}`,
    headers: form.headers,
    field: 'SourceType',
  }));

describe.each([
  ['huawei-vbs', rawBrokenHuawei],
  ['alibaba-hbr', rawBrokenAlibaba],
] as const)('%s: arbitrary invalid raw requests', (api, broken) => {
  it('are refused by the mock with a 4xx whose violations name the field', async () => {
    await fc.assert(
      fc.asyncProperty(broken, async ({ method, target, headers, body, field }) => {
        const response = await mock.guard.fetch(api, target, { method, headers, ...(body === undefined ? {} : { body }) });
        const { violations, text: listed } = await violationsOf(response);
        expect(response.status, `${method} ${target} ${body ?? ''}`).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
        expect(
          namesField(violations, field) || (field === 'body' && violations.some((v) => v.location.includes('body'))),
          `${method} ${target} ${body ?? ''}\n${listed}`,
        ).toBe(true);
      }),
      { numRuns },
    );
  });
});
