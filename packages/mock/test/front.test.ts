// The front in front of Prism, against the real CLI: each request Prism would crash on, hang on
// or answer badly gets a prompt 4xx in the API's own error shape naming the problem, and the
// mock answers a valid request right after. A property test then throws random bytes, escapes
// and bodies at every path and query slot of every operation, and the mock must neither die
// nor hang.
import { connect } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killLeftovers, runCli, type CliRun } from './support/cli.ts';

let cli: CliRun;
const urls: Record<string, string> = {};
const token = { 'X-Auth-Token': 'token' };
const validCalls = {
  'huawei-vbs': () => fetch(`${urls['huawei-vbs']}/v2/p1/os-vendor-backup-sharing/count`, { headers: token, signal: AbortSignal.timeout(10_000) }),
  'alibaba-hbr': () =>
    fetch(`${urls['alibaba-hbr']}/?Action=GetBasicStatistics&Version=2017-09-08&SourceType=ECS_FILE&Signature=x`, { signal: AbortSignal.timeout(10_000) }),
} as const;
type Api = keyof typeof validCalls;

beforeAll(async () => {
  cli = runCli(['--port', 'huawei-vbs=0', '--port', 'alibaba-hbr=0', '--errors', '--ready-timeout', '90']);
  const match = await cli.waitFor(/huawei-vbs +(http:\S+)\nalibaba-hbr +(http:\S+)\n/, 100_000);
  urls['huawei-vbs'] = match[1]!;
  urls['alibaba-hbr'] = match[2]!;
}, 120_000);
afterAll(() => {
  cli.child.kill('SIGTERM');
  killLeftovers();
});

/** The message of an error body in either API's shape. */
function messageOf(api: Api, body: Record<string, any>): string | undefined {
  if (api === 'alibaba-hbr') return body.Message;
  const inner = Object.values(body)[0] as Record<string, unknown> | undefined;
  return (body.error_msg as string | undefined) ?? (inner?.message as string | undefined);
}

/** Writes raw bytes to the API's port and reads the whole answer (the front closes the connection). */
function rawExchange(api: Api, bytes: string): Promise<string> {
  const { hostname, port } = new URL(urls[api]!);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.end(bytes));
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString()));
    socket.on('close', () => resolve(text));
    socket.on('error', reject);
    socket.setTimeout(10_000, () => socket.destroy(new Error('no answer within 10 s')));
  });
}

const shares = '/v2/p1/os-vendor-backup-sharing';
const bigQuery = `?name=${'a'.repeat(64 * 1024)}`;
const hostile: { name: string; api: Api; method?: string; path: string; headers?: Record<string, string>; body?: string; status: number; says: RegExp }[] = [
  {
    name: 'GET a malformed escape in shared_id',
    api: 'huawei-vbs',
    path: `${shares}/%FF`,
    status: 400,
    says: /path parameter shared_id \("%FF"\) is not valid percent-encoded UTF-8/,
  },
  { name: 'DELETE a malformed escape in shared_id', api: 'huawei-vbs', method: 'DELETE', path: `${shares}/%E0%A4`, status: 400, says: /shared_id/ },
  {
    name: 'a malformed escape in project_id',
    api: 'huawei-vbs',
    path: '/v2/%zz/os-vendor-backup-sharing/count',
    status: 400,
    says: /path parameter project_id/,
  },
  { name: 'a malformed escape in a query value', api: 'huawei-vbs', path: `${shares}/count?name=%E0%A4`, status: 400, says: /query parameter name/ },
  {
    name: 'a malformed escape in an Alibaba query value',
    api: 'alibaba-hbr',
    path: '/?SourceType=%FF&Action=GetBasicStatistics',
    status: 400,
    says: /query parameter SourceType/,
  },
  {
    name: 'a malformed JSON body',
    api: 'huawei-vbs',
    method: 'POST',
    path: shares,
    headers: { 'content-type': 'application/json' },
    body: '{',
    status: 400,
    says: /JSON body is malformed/,
  },
  {
    name: 'a truncated JSON body',
    api: 'huawei-vbs',
    method: 'POST',
    path: shares,
    headers: { 'content-type': 'application/json' },
    body: '{"shared": {"backup_id": "0',
    status: 400,
    says: /JSON body is malformed or truncated/,
  },
  {
    name: 'a malformed JSON body to Alibaba',
    api: 'alibaba-hbr',
    method: 'POST',
    path: '/',
    headers: { 'content-type': 'application/json' },
    body: '{',
    status: 400,
    says: /JSON body is malformed/,
  },
  { name: 'a 64 KB query', api: 'huawei-vbs', path: `${shares}/count${bigQuery}`, status: 431, says: /too large/ },
  { name: 'a 64 KB query to Alibaba', api: 'alibaba-hbr', path: `/${bigQuery}`, status: 431, says: /too large/ },
  {
    name: 'Prefer: example= an unknown example',
    api: 'alibaba-hbr',
    path: '/?SourceType=ECS_FILE&Action=GetBasicStatistics&Version=2017-09-08',
    headers: { prefer: 'example=nope' },
    status: 400,
    says: /example=nope names no example/,
  },
  {
    name: 'Prefer: code= an undocumented status',
    api: 'huawei-vbs',
    path: `${shares}/count`,
    headers: { prefer: 'code=418' },
    status: 400,
    says: /code=418 is not documented/,
  },
  {
    name: 'a body over 1 MiB',
    api: 'huawei-vbs',
    method: 'POST',
    path: shares,
    headers: { 'content-type': 'application/json' },
    body: `"${'x'.repeat(1_100_000)}"`,
    status: 413,
    says: /larger than/,
  },
];

describe('requests Prism cannot take get a prompt 4xx in the API shape, and the mock stays up', { timeout: 60_000 }, () => {
  it.each(hostile.map((c) => [c.name, c] as const))('%s', async (_name, { api, method = 'GET', path, headers = {}, body, status, says }) => {
    const response = await fetch(`${urls[api]}${path}`, { method, headers: { ...token, ...headers }, body, signal: AbortSignal.timeout(10_000) });
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(messageOf(api, await response.json())).toMatch(says);
    expect((await validCalls[api]()).status).toBe(200);
  });

  it.each([
    ['an unknown method', 'huawei-vbs', 'FOO / HTTP/1.1\r\nHost: x\r\n\r\n', /^HTTP\/1\.1 405/],
    ['bare CR/LF and garbage', 'alibaba-hbr', '\r\n\r\nGARBAGE\r\n\r\n', /^HTTP\/1\.1 4\d\d/],
    ['a header line without a colon', 'huawei-vbs', 'GET / HTTP/1.1\r\nno colon here\r\n\r\n', /^HTTP\/1\.1 400/],
  ] as const)('%s on the wire gets an API-shaped answer', async (_name, api, bytes, statusLine) => {
    const answer = await rawExchange(api, bytes);
    expect(answer).toMatch(statusLine);
    const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
    expect(messageOf(api, body)).toEqual(expect.any(String));
    expect((await validCalls[api]()).status).toBe(200);
  });

  it('a contract violation found by Prism comes in the API shape with the reason, and sl-violations kept', async () => {
    const response = await fetch(`${urls['alibaba-hbr']}/?SourceType=NOPE&Action=GetBasicStatistics&Version=2017-09-08&Signature=x`);
    expect(response.status).toBe(400);
    expect(response.headers.get('sl-violations')).toMatch(/sourcetype/i);
    const body = await response.json();
    expect(body.Message).toMatch(/sourcetype.*allowed values/i);
    expect(body.RequestId).not.toBe('7BD1E6D5-26A5-5E71-9A21-8A2D4C5A4A3E');
  });
});

// every path and query slot of each operation, with what a fuzzer sends there
const slotValue = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }).map((text) => encodeURIComponent(text)),
  fc.stringMatching(/^(%[0-9A-Fa-f]{0,2}|%[G-Zg-z]{2}|[a-z0-9.~-]){1,8}$/),
  fc.constantFrom('%FF', '%E0%A4', '%zz', '%', '..', '.', '%00', '%2F', '%C0%AF'),
);
const bodyValue = fc.oneof(
  fc.constant(''),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.json({ maxDepth: 2 }).map((json) => json.slice(0, 30)),
);
const operations: { api: Api; method: string; template: string; query: string[] }[] = [
  { api: 'huawei-vbs', method: 'POST', template: '/v2/{project_id}/os-vendor-backup-sharing', query: [] },
  { api: 'huawei-vbs', method: 'GET', template: '/v2/{project_id}/os-vendor-backup-sharing/detail', query: ['name', 'limit', 'offset', 'sort_dir'] },
  { api: 'huawei-vbs', method: 'GET', template: '/v2/{project_id}/os-vendor-backup-sharing/count', query: ['share_to_me', 'name'] },
  { api: 'huawei-vbs', method: 'GET', template: '/v2/{project_id}/os-vendor-backup-sharing/{shared_id}', query: [] },
  { api: 'huawei-vbs', method: 'DELETE', template: '/v2/{project_id}/os-vendor-backup-sharing/{shared_id}', query: ['is_backup_id'] },
  { api: 'alibaba-hbr', method: 'GET', template: '/', query: ['SourceType', 'Action', 'Version'] },
  { api: 'alibaba-hbr', method: 'POST', template: '/', query: ['SourceType'] },
];
const numRuns = Math.max(1_000, Number.parseInt(process.env.FC_NUM_RUNS ?? '', 10) || 0);

describe('random bytes, escapes and bodies in every slot never kill or hang the mock', { timeout: 600_000 }, () => {
  it.each(operations.map((o) => [`${o.method} ${o.api} ${o.template}`, o] as const))('%s', async (_name, { api, method, template, query }) => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(slotValue, { minLength: 2, maxLength: 2 }),
        fc.array(fc.tuple(fc.constantFrom(...query, 'x'), slotValue), { maxLength: 4 }),
        bodyValue,
        async ([first, second], pairs, body) => {
          let n = 0;
          const path = template.replace(/\{[^}]+\}/g, () => (n++ === 0 ? first! : second!));
          const search = pairs.map(([name, value]) => `${name}=${value}`).join('&');
          const withBody = method === 'POST' ? { body, headers: { ...token, 'content-type': 'application/json' } } : { headers: token };
          const response = await fetch(`${urls[api]}${path}${search ? `?${search}` : ''}`, { method, ...withBody, signal: AbortSignal.timeout(10_000) });
          await response.arrayBuffer();
          expect(response.status).toBeLessThan(500);
        },
      ),
      { numRuns },
    );
    expect(cli.child.exitCode).toBeNull();
    expect((await validCalls[api]()).status).toBe(200);
  });
});
