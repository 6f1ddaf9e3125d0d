// The typed surface: each compile-time rule (a `@ts-expect-error` that `tsc` checks in the test
// script) sits beside the run-time check that refuses the same mistake before any request.
import { describe, expect, expectTypeOf, it } from 'vitest';
import type * as HuaweiTypes from '@cloud-backup-contracts/types/huawei-vbs';
import type { BackupShare, CountBackupSharesQuery } from '@cloud-backup-contracts/types/huawei-vbs';
import type { BasicStatistics as AlibabaStatistics } from '@cloud-backup-contracts/types/alibaba-hbr';
import { type AlibabaHbrError, createAlibabaHbrClient } from '../src/alibaba-hbr/index.js';
import { ClientInputError, CloudApiError, createHuaweiVbsClient, type HuaweiVbsError } from '../src/huawei-vbs/index.js';
import { useScriptedServer } from './support/scripted-server.js';

const server = useScriptedServer();

const vbs = () => createHuaweiVbsClient({ baseUrl: server.baseUrl, projectId: 'p1', auth: { type: 'token', token: 't' }, retry: false });
const hbr = () => createAlibabaHbrClient({ baseUrl: server.baseUrl, auth: { type: 'acs3', accessKeyId: 'ak', accessKeySecret: 'sk' }, retry: false });

describe('huawei-vbs methods', () => {
  it('types the count query from the contract', () => {
    expectTypeOf<CountBackupSharesQuery['share_to_me']>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<CountBackupSharesQuery>().toHaveProperty('avalilability_zone');
    // the SDKs' spelling is the listing's only: no source says the count reads it
    expectTypeOf<CountBackupSharesQuery>().not.toHaveProperty('availability_zone');
  });

  it('types what the pages add: get-one answers the backup, create the nullable deleted fields, sort_key the listed values', () => {
    type GetOne = NonNullable<Awaited<ReturnType<ReturnType<typeof vbs>['getBackupShare']>>['data']>;
    expectTypeOf<GetOne['shared']>().toHaveProperty('backup');
    expectTypeOf<BackupShare['deleted']>().toEqualTypeOf<string | null>();
    expectTypeOf<BackupShare['deleted_at']>().toEqualTypeOf<string | null>();
    type SortKey = NonNullable<NonNullable<Parameters<ReturnType<typeof vbs>['listBackupShareDetails']>[0]>['query']>['sort_key'];
    expectTypeOf<SortKey>().toEqualTypeOf<'name' | 'status' | 'container_format' | 'disk_format' | 'size' | 'id' | 'created_at' | 'updated_at' | undefined>();
  });

  it('returns typed data on success', async () => {
    server.reply({ status: 200, body: { count: 2 } });
    const { data, error } = await vbs().countBackupShares({ query: { share_to_me: true } });
    expectTypeOf(data).toEqualTypeOf<{ count: number } | undefined>();
    expect(error).toBeUndefined();
    expect(data?.count).toBe(2);
  });

  it('refuses a misspelled filter', async () => {
    // @ts-expect-error shar_to_me is not a filter of countBackupShares
    await expect(vbs().countBackupShares({ query: { shar_to_me: true } })).rejects.toThrowError(ClientInputError);
    expect(server.received).toHaveLength(0);
  });

  it('refuses a filter of the wrong type', async () => {
    // @ts-expect-error share_to_me is a boolean
    await expect(vbs().countBackupShares({ query: { share_to_me: 'yes' } })).rejects.toThrowError(/query\.share_to_me must be boolean/);
  });

  it('refuses a call without a required path parameter', async () => {
    // @ts-expect-error getBackupShare needs path.shared_id
    await expect(vbs().getBackupShare({})).rejects.toThrowError(/path\.shared_id is required/);
    // @ts-expect-error the input itself is required when a part of it is
    await expect(vbs().getBackupShare()).rejects.toThrowError(ClientInputError);
  });

  it('refuses a body without its required fields', async () => {
    // @ts-expect-error to_project_ids is required
    await expect(vbs().createBackupShares({ body: { shared: { backup_id: 'b' } } })).rejects.toThrowError(/body\.shared/);
  });

  it('keeps project_id for the client', async () => {
    // @ts-expect-error project_id is filled in from the client options
    await expect(vbs().countBackupShares({ path: { project_id: 'other' } })).rejects.toThrowError(/path\.project_id is filled in by the client/);
  });

  it('offers page iterators only for pageable operations', () => {
    expectTypeOf(vbs().pages).toHaveProperty('listBackupShareDetails');
    expectTypeOf(vbs().pages).not.toHaveProperty('countBackupShares');
  });

  it('narrows errors by kind, then by vendor code', async () => {
    server.reply({ status: 401, body: { error_msg: 'bad token', error_code: 'APIG.0301', request_id: 'r1' } });
    const { error } = await vbs().countBackupShares();
    expectTypeOf(error).toEqualTypeOf<HuaweiVbsError | undefined>();
    if (error?.kind !== 'gateway') throw new Error(`expected a gateway error, got ${String(error)}`);
    expectTypeOf(error.status).toEqualTypeOf<number>();
    expectTypeOf(error.code).toEqualTypeOf<string>();
    expect(error).toBeInstanceOf(CloudApiError);
    expect(error.code).toBe('APIG.0301');
  });

  it('leaves transport failures without a status', () => {
    const error = {} as HuaweiVbsError;
    if (error.kind === 'timeout') expectTypeOf(error.status).toEqualTypeOf<undefined>();
    if (error.kind === 'service') expectTypeOf(error.errorType).toEqualTypeOf<string>();
  });

  it('exposes readable schema names', () => {
    expectTypeOf<BackupShare>().toHaveProperty('to_project_id');
    // @ts-expect-error BasicStatistics belongs to the Alibaba contract
    expectTypeOf<HuaweiTypes.BasicStatistics>().toBeObject();
  });
});

describe('alibaba-hbr methods', () => {
  it('refuses an unknown SourceType', async () => {
    // @ts-expect-error ECS_FILE is the only source type
    await expect(hbr().getBasicStatistics({ query: { SourceType: 'OSS' } })).rejects.toThrowError(/query\.SourceType must be one of "ECS_FILE"/);
  });

  it('requires SourceType', async () => {
    // @ts-expect-error SourceType is required
    await expect(hbr().getBasicStatistics({ query: {} })).rejects.toThrowError(/query\.SourceType is required/);
  });

  it('fills Action and Version itself', async () => {
    // @ts-expect-error Action is sent by the client in the form its signature needs
    await expect(hbr().getBasicStatistics({ query: { SourceType: 'ECS_FILE', Action: 'GetBasicStatistics' } })).rejects.toThrowError(/filled in by the client/);
  });

  it('narrows on Alibaba error codes', async () => {
    server.reply({ status: 400, body: { RequestId: 'r', HostId: 'h', Code: 'Throttling.User', Message: 'slow down', Recommend: 'https://example.org/diag' } });
    const { data, error } = await hbr().getBasicStatistics({ query: { SourceType: 'ECS_FILE' } });
    expectTypeOf(data).toEqualTypeOf<AlibabaStatistics | undefined>();
    expectTypeOf(error).toEqualTypeOf<AlibabaHbrError | undefined>();
    if (error?.kind === 'service' && error.code === 'Throttling.User') {
      expectTypeOf(error.recommend).toEqualTypeOf<string | undefined>();
      expect(error.recommend).toBe('https://example.org/diag');
    } else throw new Error(`expected a throttling error, got ${String(error)}`);
  });
});

describe('per-call extra headers', () => {
  it('takes extra headers on every method and page iterator', async () => {
    server.reply({ status: 404, body: { itemNotFound: { code: 'VolumeBackup.0008', message: 'gone' } } }, { status: 200, body: { shared: [] } });
    const { error } = await vbs().getBackupShare({ path: { shared_id: 's1' }, headers: { Prefer: 'code=404' } });
    expect(error).toMatchObject({ kind: 'service', status: 404 });
    for await (const page of vbs().pages.listBackupShareDetails({ headers: { Prefer: 'code=200' } })) expect(page.error).toBeUndefined();
    expect(server.received.map((request) => request.headers.prefer)).toEqual(['code=404', 'code=200']);
  });

  it('refuses, at compile time and at run time, a header the client signs or sets', async () => {
    const share = { path: { shared_id: 's1' } } as const;
    // @ts-expect-error Authorization is the client's
    await expect(vbs().getBackupShare({ ...share, headers: { Authorization: 'x' } })).rejects.toThrowError(/headers\.Authorization is set by the client/);
    // @ts-expect-error X-Auth-Token is the client's
    await expect(vbs().getBackupShare({ ...share, headers: { 'X-Auth-Token': 'x' } })).rejects.toThrowError(ClientInputError);
    // @ts-expect-error x-project-id is the client's, in any usual spelling
    await expect(vbs().getBackupShare({ ...share, headers: { 'X-PROJECT-ID': 'x' } })).rejects.toThrowError(ClientInputError);
    // @ts-expect-error X-Sdk-Date is signed by the client
    await expect(vbs().countBackupShares({ headers: { 'X-Sdk-Date': '20260101T000000Z' } })).rejects.toThrowError(ClientInputError);
    // @ts-expect-error content-type is the client's
    await expect(vbs().countBackupShares({ headers: { 'content-type': 'text/plain' } })).rejects.toThrowError(ClientInputError);
    // @ts-expect-error x-acs-signature-nonce is signed by the client
    await expect(hbr().getBasicStatistics({ query: { SourceType: 'ECS_FILE' }, headers: { 'x-acs-signature-nonce': 'n' } })).rejects.toThrowError(
      ClientInputError,
    );
    // @ts-expect-error Transfer-Encoding is managed by fetch
    await expect(vbs().countBackupShares({ headers: { 'Transfer-Encoding': 'chunked' } })).rejects.toThrowError(ClientInputError);
    // @ts-expect-error header values are strings
    await expect(vbs().countBackupShares({ headers: { 'X-Trace': 1 } })).rejects.toThrowError(/visible ASCII/);
    expect(server.received).toHaveLength(0);
  });
});

describe('endpoint options', () => {
  const auth = { type: 'token', token: 't' } as const;
  const keys = { type: 'acs3', accessKeyId: 'ak', accessKeySecret: 'sk' } as const;

  it('make region with baseUrl a compile error, and a run-time one', () => {
    // @ts-expect-error give region or baseUrl, not both
    expect(() => createHuaweiVbsClient({ region: 'cn-north-4', baseUrl: server.baseUrl, projectId: 'p1', auth })).toThrowError(/baseUrl cannot be combined/);
  });

  it('make regionId or vpc with baseUrl a compile error, and a run-time one', () => {
    // @ts-expect-error give regionId or baseUrl, not both
    expect(() => createAlibabaHbrClient({ regionId: 'cn-hangzhou', baseUrl: server.baseUrl, auth: keys })).toThrowError(/baseUrl cannot be combined/);
    // @ts-expect-error vpc picks the in-VPC endpoint of a region; a baseUrl has none
    expect(() => createAlibabaHbrClient({ vpc: true, baseUrl: server.baseUrl, auth: keys })).toThrowError(/baseUrl cannot be combined/);
  });

  it('still take either form alone', () => {
    expect(createHuaweiVbsClient({ region: 'cn-north-4', projectId: 'p1', auth })).toHaveProperty('raw');
    expect(createHuaweiVbsClient({ baseUrl: server.baseUrl, projectId: 'p1', auth })).toHaveProperty('raw');
    expect(createAlibabaHbrClient({ regionId: 'cn-hangzhou', vpc: true, auth: keys })).toHaveProperty('raw');
    expect(createAlibabaHbrClient({ baseUrl: server.baseUrl, auth: keys })).toHaveProperty('raw');
  });
});
