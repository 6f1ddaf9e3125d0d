// The filters of the Huawei listing/count operations, request validation by the mock (raw
// requests that break the contract are refused with a 4xx naming the field), and both wire
// forms of the Alibaba call.
import type { AlibabaHbrClient } from '@cloud-backup-contracts/client/alibaba-hbr';
import type { HuaweiVbsClient } from '@cloud-backup-contracts/client/huawei-vbs';
import { describe, expect, it } from 'vitest';
import type { ApiName } from '../src/index.ts';
import { suiteMock } from './support/clients.ts';
import { exampleInput, loadContract, responseSchemaPointer, schemaErrors } from './support/contract.ts';
import { namesField, violationsOf } from './support/violations.ts';

const mock = suiteMock();
const huawei = loadContract('huawei-vbs');
const alibaba = loadContract('alibaba-hbr');
const count = huawei.operations.find((o) => o.operationId === 'countBackupShares')!;
const countSchema = responseSchemaPointer(huawei, count, 200)!;

// the count documents the page's spelling of the zone filter only (no SDK counts shares)
const seedFilters = ['share_to_me', 'volume_id', 'name', 'status', 'backup_id', 'from_project_id', 'to_project_id', 'avalilability_zone'];
const shares = `/v2/0605767c3f00d5762fa8c0147ee18d02/os-vendor-backup-sharing`;
const token = { 'X-Auth-Token': 'contract-suite-token' };

describe('countBackupShares filters through the typed client', () => {
  const filterExample = (name: string) => count.parameters.find((p) => p.in === 'query' && p.name === name)?.example;

  it('the contract documents every seed filter on count, with an example', () => {
    for (const name of seedFilters) expect(filterExample(name), name).toBeDefined();
  });

  it.each(seedFilters)('%s alone answers 200 with a valid count', async (name) => {
    const client = mock.client('token');
    const result = await mock.guard.call('huawei-vbs', () => (client as HuaweiVbsClient).countBackupShares({ query: { [name]: filterExample(name) } }));
    expect(result.error).toBeUndefined();
    expect(result.response?.status).toBe(200);
    expect(schemaErrors(huawei, countSchema, result.data)).toEqual([]);
  });

  it('all filters combined answer 200 with a valid count', async () => {
    const client = mock.client('aksk');
    const query = Object.fromEntries(seedFilters.map((name) => [name, filterExample(name)]));
    const result = await mock.guard.call('huawei-vbs', () => (client as HuaweiVbsClient).countBackupShares({ query }));
    expect(result.error).toBeUndefined();
    expect(schemaErrors(huawei, countSchema, result.data)).toEqual([]);
  });

  it('the same filters sent raw answer 200', async () => {
    const query = new URLSearchParams(seedFilters.map((name) => [name, String(filterExample(name))]));
    const response = await mock.guard.fetch('huawei-vbs', `${shares}/count?${query}`, { headers: token });
    expect(response.status).toBe(200);
    expect(schemaErrors(huawei, countSchema, await response.json())).toEqual([]);
  });
});

interface InvalidCase {
  name: string;
  api: ApiName;
  method?: string;
  target: string;
  headers?: Record<string, string>;
  body?: unknown;
  /** the field the violation must name */
  field: string;
  status: number;
}

const alibabaQueryForm = 'Action=GetBasicStatistics&Version=2017-09-08&Signature=contract-suite';
const invalid: InvalidCase[] = [
  { name: 'share_to_me=maybe on count', api: 'huawei-vbs', target: `${shares}/count?share_to_me=maybe`, headers: token, field: 'share_to_me', status: 400 },
  { name: 'share_to_me=maybe on detail', api: 'huawei-vbs', target: `${shares}/detail?share_to_me=maybe`, headers: token, field: 'share_to_me', status: 400 },
  { name: 'limit=ten on detail', api: 'huawei-vbs', target: `${shares}/detail?limit=ten`, headers: token, field: 'limit', status: 400 },
  { name: 'limit=2.5 on detail', api: 'huawei-vbs', target: `${shares}/detail?limit=2.5`, headers: token, field: 'limit', status: 400 },
  { name: 'offset=ten on detail', api: 'huawei-vbs', target: `${shares}/detail?offset=ten`, headers: token, field: 'offset', status: 400 },
  { name: 'sort_key=colour on detail', api: 'huawei-vbs', target: `${shares}/detail?sort_key=colour`, headers: token, field: 'sort_key', status: 400 },
  { name: 'sort_dir=sideways on detail', api: 'huawei-vbs', target: `${shares}/detail?sort_dir=sideways`, headers: token, field: 'sort_dir', status: 400 },
  {
    name: 'is_backup_id=perhaps on cancel',
    api: 'huawei-vbs',
    method: 'DELETE',
    target: `${shares}/e842bf23-1e05-4c2c-b0f9-25222f4686da?is_backup_id=perhaps`,
    headers: token,
    field: 'is_backup_id',
    status: 400,
  },
  {
    name: 'create whose to_project_ids is not a list',
    api: 'huawei-vbs',
    method: 'POST',
    target: shares,
    headers: token,
    body: { shared: { backup_id: '066b1e37-9305-4057-97e5-2e99b21fc71d', to_project_ids: '0605767c3f00d5762fa8c0147ee18d02' } },
    field: 'to_project_ids',
    status: 400,
  },
  {
    name: 'create with a backup_id that is not a string',
    api: 'huawei-vbs',
    method: 'POST',
    target: shares,
    headers: token,
    body: { shared: { backup_id: 42, to_project_ids: ['0605767c3f00d5762fa8c0147ee18d02'] } },
    field: 'backup_id',
    status: 400,
  },
  { name: 'create without shared', api: 'huawei-vbs', method: 'POST', target: shares, headers: token, body: {}, field: 'shared', status: 400 },
  { name: 'SourceType=NOPE', api: 'alibaba-hbr', target: `/?SourceType=NOPE&${alibabaQueryForm}`, field: 'SourceType', status: 400 },
  { name: 'missing SourceType', api: 'alibaba-hbr', target: `/?${alibabaQueryForm}`, field: 'SourceType', status: 400 },
  {
    name: 'Action=DescribeVaults',
    api: 'alibaba-hbr',
    target: `/?SourceType=ECS_FILE&Action=DescribeVaults&Version=2017-09-08&Signature=x`,
    field: 'Action',
    status: 400,
  },
  {
    name: 'x-acs-version from another API version',
    api: 'alibaba-hbr',
    method: 'POST',
    target: '/?SourceType=ECS_FILE',
    headers: {
      'x-acs-action': 'GetBasicStatistics',
      'x-acs-version': '2020-01-01',
      Authorization: 'ACS3-HMAC-SHA256 Credential=x,SignedHeaders=host,Signature=y',
    },
    field: 'x-acs-version',
    status: 400,
  },
];

describe('the mock refuses raw requests that break the contract', () => {
  it.each(invalid.map((c) => [`${c.name} → ${c.status} naming ${c.field}`, c] as const))(
    '%s',
    async (_name, { api, method = 'GET', target, headers = {}, body, field, status }) => {
      const init: RequestInit = { method, headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) } };
      if (body !== undefined) init.body = JSON.stringify(body);
      const response = await mock.guard.fetch(api, target, init);
      const { violations, text } = await violationsOf(response);
      expect(response.status).toBe(status);
      expect(violations.length, 'Prism lists the violations').toBeGreaterThan(0);
      expect(namesField(violations, field), `a violation names ${field}:\n${text}`).toBe(true);
    },
  );

  // no source states these rules, so the contract leaves them to the service (README, "What the
  // contract leaves to the service")
  it.each<[string, { method?: string; target: string; body?: unknown }]>([
    ['limit=0 on detail', { target: `${shares}/detail?limit=0` }],
    ['offset=-1 on detail', { target: `${shares}/detail?offset=-1` }],
    ['a create to no project', { method: 'POST', target: shares, body: { shared: { backup_id: '066b1e37-9305-4057-97e5-2e99b21fc71d', to_project_ids: [] } } }],
    [
      'a create with a backup_id that is no UUID',
      { method: 'POST', target: shares, body: { shared: { backup_id: 'nightly', to_project_ids: ['0605767c3f00d5762fa8c0147ee18d02'] } } },
    ],
    ['a create naming a field the page does not', { method: 'POST', target: shares, body: { shared: { backup_id: 'b', to_project_ids: ['p'], note: 'x' } } }],
  ])('%s is not refused: the contract leaves it to the service', async (_name, { method = 'GET', target, body }) => {
    const init: RequestInit = { method, headers: { ...token, ...(body === undefined ? {} : { 'content-type': 'application/json' }) } };
    if (body !== undefined) init.body = JSON.stringify(body);
    const response = await mock.guard.fetch('huawei-vbs', target, init);
    expect(response.status, await response.text()).toBe(200);
  });

  // Prism names no header or parameter for a security violation, only the failed requirement
  it.each([
    { api: 'huawei-vbs' as const, target: `${shares}/count` },
    { api: 'alibaba-hbr' as const, target: `/?SourceType=ECS_FILE&Action=GetBasicStatistics&Version=2017-09-08` },
  ])('$api without credentials → 401 naming the failed security requirement', async ({ api, target }) => {
    const response = await mock.guard.fetch(api, target);
    const { violations, text } = await violationsOf(response);
    expect(response.status).toBe(401);
    expect(text).toMatch(/security scheme/i);
    expect(violations.length).toBeGreaterThan(0);
  });

  it('a 401 comes in the error shape of each API, documented (Huawei) or not (Alibaba), naming the failed requirement', async () => {
    const huaweiResponse = await mock.guard.fetch('huawei-vbs', `${shares}/count`);
    const body = await huaweiResponse.json();
    expect(schemaErrors(huawei, responseSchemaPointer(huawei, count, 401)!, body)).toEqual([]);
    const alibabaResponse = await mock.guard.fetch('alibaba-hbr', `/?SourceType=ECS_FILE&Action=GetBasicStatistics&Version=2017-09-08`);
    expect(alibabaResponse.status).toBe(401);
    expect(alibabaResponse.headers.get('content-type')).toMatch(/^application\/json/);
    const alibabaBody = await alibabaResponse.json();
    expect(alibabaBody).toMatchObject({ Code: expect.any(String), RequestId: expect.any(String), Message: expect.stringMatching(/security scheme/i) });
  });
});

describe('both Alibaba wire forms are answered 200', () => {
  const operation = alibaba.operations.find((o) => o.operationId === 'getBasicStatistics')!;
  const schema = responseSchemaPointer(alibaba, operation, 200)!;

  it('GET with Action/Version in the query and a V2 Signature', async () => {
    const response = await mock.guard.fetch('alibaba-hbr', '/?Action=GetBasicStatistics&Version=2017-09-08&SourceType=ECS_FILE&Signature=Zm9vYmFy');
    expect(response.status).toBe(200);
    expect(schemaErrors(alibaba, schema, await response.json())).toEqual([]);
  });

  it('POST with x-acs-action/x-acs-version headers and an ACS3 Authorization', async () => {
    const response = await mock.guard.fetch('alibaba-hbr', '/?SourceType=ECS_FILE', {
      method: 'POST',
      headers: {
        'x-acs-action': 'GetBasicStatistics',
        'x-acs-version': '2017-09-08',
        Authorization: 'ACS3-HMAC-SHA256 Credential=LTAIcontractsuite,SignedHeaders=host;x-acs-action;x-acs-version,Signature=abc123',
      },
    });
    expect(response.status).toBe(200);
    expect(schemaErrors(alibaba, schema, await response.json())).toEqual([]);
  });

  it('the typed client is answered 200 in both signature versions', async () => {
    for (const auth of ['acs3', 'rpc-v2'] as const) {
      const client = mock.client(auth) as AlibabaHbrClient;
      const result = await mock.guard.call('alibaba-hbr', () => client.getBasicStatistics(exampleInput(operation) as { query: { SourceType: 'ECS_FILE' } }));
      expect(result.error, auth).toBeUndefined();
      expect(schemaErrors(alibaba, schema, result.data)).toEqual([]);
    }
  });
});
