// Options are checked like input: an unknown or misspelled client option, retry option or
// per-call option is a ClientInputError naming it, with the closest known name when there is one,
// before anything is sent.
import { describe, expect, it } from 'vitest';
import { createAlibabaHbrClient } from '../../src/alibaba-hbr/index.js';
import { ClientInputError } from '../../src/core/errors.js';
import { closestName } from '../../src/core/known-options.js';
import { createHuaweiVbsClient } from '../../src/huawei-vbs/index.js';
import { inputError } from '../support/input-error.js';
import { ALIBABA_AK, ALIBABA_SECRET, alibabaClient, HUAWEI_AK, HUAWEI_SK, huaweiClient, PROJECT_ID, useScriptedServer } from './helpers.js';

const server = useScriptedServer();
const huaweiBase = {
  baseUrl: 'http://127.0.0.1:1',
  projectId: PROJECT_ID,
  auth: { type: 'aksk', accessKeyId: HUAWEI_AK, secretAccessKey: HUAWEI_SK },
} as const;
const alibabaBase = { baseUrl: 'http://127.0.0.1:1', auth: { type: 'acs3', accessKeyId: ALIBABA_AK, accessKeySecret: ALIBABA_SECRET } } as const;

describe('client options', () => {
  it.each<[string, { given: () => unknown; want: string }]>([
    [
      'Huawei timeoutMS (case)',
      { given: () => createHuaweiVbsClient({ ...huaweiBase, timeoutMS: 5 } as never), want: 'timeoutMS is not a known option; did you mean timeoutMs?' },
    ],
    [
      'Huawei retries at the top level',
      { given: () => createHuaweiVbsClient({ ...huaweiBase, retries: 9 } as never), want: 'retries is not a known option; did you mean retry?' },
    ],
    [
      'Huawei regionId (the other cloud’s name)',
      { given: () => createHuaweiVbsClient({ ...huaweiBase, regionId: 'x' } as never), want: 'regionId is not a known option; did you mean region?' },
    ],
    [
      'Huawei project_id',
      { given: () => createHuaweiVbsClient({ ...huaweiBase, project_id: 'x' } as never), want: 'project_id is not a known option; did you mean projectId?' },
    ],
    [
      'Alibaba region (the other cloud’s name)',
      { given: () => createAlibabaHbrClient({ ...alibabaBase, region: 'x' } as never), want: 'region is not a known option; did you mean regionId?' },
    ],
    [
      'Alibaba maxResponseByte',
      {
        given: () => createAlibabaHbrClient({ ...alibabaBase, maxResponseByte: 1 } as never),
        want: 'maxResponseByte is not a known option; did you mean maxResponseBytes?',
      },
    ],
    ['Alibaba a name like none', { given: () => createAlibabaHbrClient({ ...alibabaBase, verbose: true } as never), want: 'verbose is not a known option' }],
    [
      'retry.maxRetries',
      {
        given: () => createHuaweiVbsClient({ ...huaweiBase, retry: { maxRetries: 3 } } as never),
        want: 'retry.maxRetries is not a known option; did you mean retry.retries?',
      },
    ],
  ])('%s', (_name, { given, want }) => {
    expect(given).toThrow(inputError(want));
    expect(given).toThrow(ClientInputError);
  });
});

describe('per-call options', () => {
  it.each<[string, { given: Record<string, unknown>; want: string }]>([
    ['timeoutMS', { given: { timeoutMS: 5 }, want: 'timeoutMS is not defined by the contract, nor a call option; did you mean timeoutMs?' }],
    ['signals', { given: { signals: new AbortController().signal }, want: 'signals is not defined by the contract, nor a call option; did you mean signal?' }],
    ['retry.retrys', { given: { retry: { retrys: 1 } }, want: 'retry.retrys is not a known option; did you mean retry.retries?' }],
  ])('%s: refused, and nothing is sent', async (_name, { given, want }) => {
    await expect(huaweiClient(server).countBackupShares(given as never)).rejects.toThrow(inputError(want));
    await expect(alibabaClient(server).getBasicStatistics({ query: { SourceType: 'ECS_FILE' }, ...given } as never)).rejects.toThrow(inputError(want));
    expect(server.received).toHaveLength(0);
  });
});

describe('page options', () => {
  it.each<[string, { given: Record<string, unknown>; want: string }]>([
    ['pagesize (case)', { given: { pagesize: 2 }, want: 'pagesize is not a known option; did you mean pageSize?' }],
    ['maxPage', { given: { maxPages: 2, maxPage: 1 }, want: 'maxPage is not a known option; did you mean maxPages?' }],
    ['offset (the query parameter’s name)', { given: { offset: 4 }, want: 'offset is not a known option' }],
  ])('%s: refused, and nothing is sent', async (_name, { given, want }) => {
    await expect(
      huaweiClient(server)
        .pages.listBackupShareDetails({}, given as never)
        .next(),
    ).rejects.toThrow(inputError(want));
    expect(server.received).toHaveLength(0);
  });
});

describe('closestName', () => {
  const known = ['timeoutMs', 'retry', 'fetch', 'maxResponseBytes', 'baseUrl'];
  it.each<[string, { given: string; want: string | undefined }]>([
    ['another case', { given: 'BASEURL', want: 'baseUrl' }],
    ['one letter off', { given: 'fecth', want: 'fetch' }],
    ['a plural', { given: 'retries', want: 'retry' }],
    ['nothing near', { given: 'logger', want: undefined }],
    ['a short word far from all', { given: 'x', want: undefined }],
  ])('%s', (_name, { given, want }) => {
    expect(closestName(given, known)).toBe(want);
  });
});
