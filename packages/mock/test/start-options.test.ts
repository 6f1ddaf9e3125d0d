// startMock's option checks: each refusal happens before any Prism process starts, with a
// MockStartError whose message names the option (in the form the caller used).
import { describe, expect, it } from 'vitest';
import { MockStartError, type StartMockOptions, startMock } from '../dist/index.js';

const refusals: [string, StartMockOptions, MockStartError['problem'], string][] = [
  [
    'one port in both forms, disagreeing',
    { ports: { 'huawei-vbs': 4100 }, huaweiPort: 4101 },
    'bad-option',
    "ports['huawei-vbs'] and huaweiPort disagree (4100 and 4101); give one",
  ],
  [
    'one contract in both forms, disagreeing',
    { specs: { 'alibaba-hbr': 'a.json' }, alibabaSpec: 'b.json' },
    'bad-option',
    "specs['alibaba-hbr'] and alibabaSpec disagree (a.json and b.json); give one",
  ],
  [
    'a port for an API the mock does not serve',
    { ports: { nope: 4100 } as StartMockOptions['ports'] },
    'bad-option',
    'ports names "nope", which is not an API the mock serves (huawei-vbs, alibaba-hbr)',
  ],
  [
    'two APIs on one port',
    { ports: { 'huawei-vbs': 4100, 'alibaba-hbr': 4100 } },
    'bad-option',
    "ports['huawei-vbs'] and ports['alibaba-hbr'] must differ (both are 4100)",
  ],
  ['two APIs on one port, per-API form', { huaweiPort: 4100, alibabaPort: 4100 }, 'bad-option', 'huaweiPort and alibabaPort must differ (both are 4100)'],
  ['a port out of range', { ports: { 'alibaba-hbr': 70_000 } }, 'bad-option', "ports['alibaba-hbr'] must be an integer from 0 to 65535, got 70000"],
  [
    'a missing contract file',
    { ports: { 'huawei-vbs': 0, 'alibaba-hbr': 0 }, specs: { 'alibaba-hbr': '/nowhere/contract.json' } },
    'contract',
    'alibaba-hbr: contract /nowhere/contract.json does not exist',
  ],
  [
    'verifySignatures without credentials',
    { verifySignatures: true },
    'bad-option',
    'verifySignatures needs credentials: the keys and tokens requests may be signed with',
  ],
  ['credentials without verifySignatures', { credentials: {} }, 'bad-option', 'credentials are only read with verifySignatures: true'],
  [
    'credentials for an API the mock does not serve',
    { verifySignatures: true, credentials: { nope: {} } as StartMockOptions['credentials'] },
    'bad-option',
    'credentials names "nope", which is not an API the mock serves (huawei-vbs, alibaba-hbr)',
  ],
  [
    'an access key without its secret',
    { verifySignatures: true, credentials: { 'huawei-vbs': { aksk: [{ accessKeyId: 'AK' }] } } },
    'bad-option',
    'credentials["huawei-vbs"].aksk[0].secretAccessKey must be a non-empty string',
  ],
  [
    'a misspelt field',
    { verifySignatures: true, credentials: { 'alibaba-hbr': { aksk: [], tokens: [] } } },
    'bad-option',
    'credentials["alibaba-hbr"].tokens is not a known field (known: aksk)',
  ],
  [
    'tokens that are not a list',
    { verifySignatures: true, credentials: { 'huawei-vbs': { tokens: 'one' } } },
    'bad-option',
    'credentials["huawei-vbs"].tokens must be a list',
  ],
  [
    'an access key id with a space',
    { verifySignatures: true, credentials: { 'alibaba-hbr': { aksk: [{ accessKeyId: 'A K', accessKeySecret: 's' }] } } },
    'bad-option',
    'credentials["alibaba-hbr"].aksk[0].accessKeyId must only contain visible ASCII characters',
  ],
];

describe('startMock options', () => {
  it.each(refusals)('refuses %s', async (_what, options, problem, message) => {
    const error = await startMock(options).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(MockStartError);
    expect(error).toMatchObject({ problem, message });
  });
});
