// startMock's option checks: each refusal happens before any Prism process starts, with a
// MockStartError whose message names the option.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MockStartError, type StartMockOptions, startMock } from '../src/index.ts';
import { jsonParseError } from './support/thrown.ts';

const work = mkdtempSync(join(tmpdir(), 'start-options-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
/** A contract file with this text, for the checks made before Prism is started. */
const contract = (name: string, text: string) => {
  const file = join(work, name);
  writeFileSync(file, text);
  return file;
};
const anyPorts = { ports: { 'huawei-vbs': 0, 'alibaba-hbr': 0 } };
const notJson = contract('cut.json', '{"openapi": "3.1.0"');
const swagger = contract('swagger.json', '{"swagger": "2.0", "paths": {"/x": {}}}');
const noPaths = contract('no-paths.json', '{"openapi": "3.1.0", "paths": {}}');
const jsonInYaml = contract('braces.yaml', '  {"openapi": "3.0.3"}');
const yamlContract = contract('contract.yaml', 'openapi: 3.0.3\npaths: {}\n');
const bareJson = contract('bare.json', '{"openapi": "3.0.3", "paths": {"/x": {}}}');

const known =
  'ports, specs, host, dynamic, errors, stateful, readyTimeoutMs, onLog, signal, verifySignatures, credentials, proxy, report, onDrift, upstreamTimeoutMs';
const refusals: [string, StartMockOptions, MockStartError['problem'], string][] = [
  [
    'an option of another name (a per-API port)',
    { huaweiPort: 4100 } as StartMockOptions,
    'bad-option',
    `huaweiPort is not a startMock option (known: ${known})`,
  ],
  ['a misspelled option', { ...anyPorts, readyTimeoutMS: 5 } as StartMockOptions, 'bad-option', `readyTimeoutMS is not a startMock option (known: ${known})`],
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
  ['a report without proxy mode', { report: 'drift.json' }, 'bad-option', 'report is only read in proxy mode (with proxy)'],
  [
    'proxy without credentials',
    { proxy: { 'huawei-vbs': 'https://vbs.example.com' } },
    'bad-option',
    "proxy needs credentials: each proxied API's section with the upstream keys requests are re-signed with",
  ],
  ['an empty proxy', { proxy: {} }, 'bad-option', 'proxy must map at least one API name to its upstream URL'],
  [
    'a plain-http upstream off this machine',
    { proxy: { 'huawei-vbs': 'http://vbs.example.com' }, credentials: {} },
    'bad-option',
    "proxy['huawei-vbs'] must be an https:// URL (http:// only to a loopback address), got http://vbs.example.com",
  ],
  [
    'an upstream URL with credentials in it',
    { proxy: { 'huawei-vbs': 'https://ak:sk@vbs.example.com' }, credentials: {} },
    'bad-option',
    "proxy['huawei-vbs'] must not carry credentials in the URL (put them in the credentials file)",
  ],
  [
    'a proxied API without its upstream entry',
    { proxy: { 'huawei-vbs': 'https://vbs.example.com' }, credentials: { 'huawei-vbs': { tokens: ['t'] } } },
    'bad-option',
    'credentials["huawei-vbs"].upstream is required to proxy huawei-vbs: the keys requests are re-signed with for the upstream',
  ],
  [
    'an upstream entry of an unknown scheme',
    { proxy: { 'huawei-vbs': 'https://vbs.example.com' }, credentials: { 'huawei-vbs': { upstream: { type: 'basic', token: 'SECRETVALUE' } } } },
    'bad-option',
    'credentials["huawei-vbs"].upstream.type must be one of token, aksk, acs3, rpc-v2',
  ],
  [
    'an upstream entry missing its secret',
    { proxy: { 'alibaba-hbr': 'https://hbr.example.com' }, credentials: { 'alibaba-hbr': { upstream: { type: 'acs3', accessKeyId: 'LTAI' } } } },
    'bad-option',
    'credentials["alibaba-hbr"].upstream.accessKeySecret must be a non-empty string',
  ],
  [
    'proxy on a host other machines reach, without verifySignatures',
    { proxy: { 'huawei-vbs': 'https://vbs.example.com' }, host: '0.0.0.0', credentials: {} },
    'bad-option',
    'proxy on host 0.0.0.0, not a loopback address, needs verifySignatures (--verify-signatures): without it anyone reaching the port gets requests signed with the upstream keys',
  ],
  [
    'proxy on a host other machines reach, with verifySignatures false',
    { proxy: { 'huawei-vbs': 'https://vbs.example.com' }, host: '192.0.2.7', verifySignatures: false, credentials: {} },
    'bad-option',
    'proxy on host 192.0.2.7, not a loopback address, needs verifySignatures (--verify-signatures): without it anyone reaching the port gets requests signed with the upstream keys',
  ],
  [
    'proxy on a host other machines reach, with verifySignatures, for its next problem (the relay check passed)',
    { proxy: { 'huawei-vbs': 'https://vbs.example.com' }, host: '0.0.0.0', verifySignatures: true, credentials: {} },
    'bad-option',
    'credentials["huawei-vbs"].upstream is required to proxy huawei-vbs: the keys requests are re-signed with for the upstream',
  ],
  [
    'proxy with stateful',
    { proxy: { 'huawei-vbs': 'https://vbs.example.com' }, stateful: true, credentials: {} },
    'bad-option',
    'proxy and stateful cannot be combined: the upstream keeps the state',
  ],
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
  ['an empty host', { host: ' ' }, 'bad-option', 'host must be a non-empty string'],
  ['a host that is not text', { host: 4010 as unknown as string }, 'bad-option', 'host must be a non-empty string'],
  ['a ready timeout of 0', { readyTimeoutMs: 0 }, 'bad-option', 'readyTimeoutMs must be a positive number'],
  ['a ready timeout that is not a number', { readyTimeoutMs: '5' as unknown as number }, 'bad-option', 'readyTimeoutMs must be a positive number'],
  ['a port that is not an integer', { ports: { 'huawei-vbs': 4100.5 } }, 'bad-option', "ports['huawei-vbs'] must be an integer from 0 to 65535, got 4100.5"],
  ['a negative port', { ports: { 'huawei-vbs': -1 } }, 'bad-option', "ports['huawei-vbs'] must be an integer from 0 to 65535, got -1"],
  [
    'a port given as text',
    { ports: { 'alibaba-hbr': '4100' as unknown as number } },
    'bad-option',
    "ports['alibaba-hbr'] must be an integer from 0 to 65535, got 4100",
  ],
  [
    'a contract for an API the mock does not serve',
    { specs: { nope: 'x.json' } as StartMockOptions['specs'] },
    'bad-option',
    'specs names "nope", which is not an API the mock serves (huawei-vbs, alibaba-hbr)',
  ],
  [
    'the highest port, then a missing contract',
    { ports: { 'huawei-vbs': 65_535 }, specs: { 'alibaba-hbr': '/nowhere/contract.json' } },
    'contract',
    'alibaba-hbr: contract /nowhere/contract.json does not exist',
  ],
  [
    'any port on a host no interface has',
    { host: '203.0.113.1', ...anyPorts },
    'port-unavailable',
    'huawei-vbs: cannot listen on 203.0.113.1:0 (EADDRNOTAVAIL)',
  ],
  ['stateful that is not a boolean', { stateful: 'yes' as unknown as boolean }, 'bad-option', 'stateful must be true or false, got yes'],
  ['verifySignatures that is not a boolean', { verifySignatures: 'yes' as unknown as boolean }, 'bad-option', 'verifySignatures must be true or false'],
  [
    'credentials that are not an object',
    { verifySignatures: true, credentials: [] as unknown as StartMockOptions['credentials'] },
    'bad-option',
    'credentials must be an object with a section per API (huawei-vbs, alibaba-hbr)',
  ],
  ['a contract that is a folder', { ...anyPorts, specs: { 'huawei-vbs': work } }, 'contract', `huawei-vbs: contract ${work} cannot be read (EISDIR)`],
  [
    'a contract that is not valid JSON',
    { ...anyPorts, specs: { 'huawei-vbs': notJson } },
    'contract',
    `huawei-vbs: contract ${notJson} is not valid JSON (${jsonParseError('{"openapi": "3.1.0"')})`,
  ],
  [
    'a contract that is not OpenAPI 3',
    { ...anyPorts, specs: { 'alibaba-hbr': swagger } },
    'contract',
    `alibaba-hbr: contract ${swagger} is not an OpenAPI 3.x document (no "openapi": "3.x" field)`,
  ],
  ['a contract without paths', { ...anyPorts, specs: { 'alibaba-hbr': noPaths } }, 'contract', `alibaba-hbr: contract ${noPaths} declares no paths`],
  [
    'a contract of another extension that is JSON, checked as JSON',
    { ...anyPorts, specs: { 'alibaba-hbr': jsonInYaml } },
    'contract',
    `alibaba-hbr: contract ${jsonInYaml} declares no paths`,
  ],
  [
    'stateful mode over a YAML contract',
    { ...anyPorts, stateful: true, specs: { 'huawei-vbs': yamlContract } },
    'contract',
    `huawei-vbs: stateful mode seeds its state from a JSON contract, and ${yamlContract} is not one`,
  ],
  [
    'stateful mode over a contract without the examples it seeds from',
    { ...anyPorts, stateful: true, specs: { 'huawei-vbs': bareJson } },
    'contract',
    `huawei-vbs: stateful mode cannot seed its state from ${bareJson}: the contract has no operation listBackupShareDetails`,
  ],
];

describe('startMock options', () => {
  it.each(refusals)('refuses %s', async (_what, options, problem, message) => {
    const error = await startMock(options).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(MockStartError);
    expect(error).toMatchObject({ name: 'MockStartError', problem, message });
  });
});
