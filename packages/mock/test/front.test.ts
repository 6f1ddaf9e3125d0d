// The front in front of Prism (src/front/, in-process against the suite's real Prism): each
// request Prism would crash on, hang on or answer badly gets a prompt 4xx in the API's own error
// shape naming the problem, and the mock answers a valid request right after.
// (front-fuzz.test.ts throws random input at the built CLI.)
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, token, validCall } from './support/front-calls.ts';
import { type Fronts, startFronts } from './support/fronts.ts';

let fronts: Fronts;
const urls: Record<string, string> = {};

beforeAll(async () => {
  fronts = await startFronts();
  Object.assign(urls, fronts.urls);
});
afterAll(() => fronts.close());

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
    expect((await validCall(urls, api)).status).toBe(200);
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
    expect((await validCall(urls, api)).status).toBe(200);
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
