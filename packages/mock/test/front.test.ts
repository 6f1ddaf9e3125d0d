// The front in front of Prism (src/front/, in-process against the suite's real Prism): each
// request Prism would crash on, hang on or answer badly gets a prompt 4xx in the API's own error
// shape naming the problem, and the mock answers a valid request right after.
// (front-fuzz.test.ts throws random input at the built CLI.)
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, token, validCall } from './support/front-calls.ts';
import { type Fronts, startFronts } from './support/fronts.ts';
import { exchangeOnWire, sendRaw } from './support/raw-http.ts';

let fronts: Fronts;
const urls: Record<string, string> = {};

beforeAll(async () => {
  fronts = await startFronts();
  Object.assign(urls, fronts.urls);
});
afterAll(() => fronts.close());

/** The code each documented Huawei example carries, by its kind (404 and 405 are OpenStack-style: the status as an integer). */
const huaweiCodes: Record<string, string | number> = { badRequest: 'VolumeBackup.0002', itemNotFound: 404, badMethod: 405 };
/** A Huawei error body: the documented example of that kind, with the front's message. */
const huawei = (kind: string, message: string) => ({ [kind]: { message, code: huaweiCodes[kind] } });
/** An Alibaba error body: the documented example with the message, and a fresh request id (`<id>`) in both places. */
const alibaba = (code: string, message: string) => ({
  RequestId: '<id>',
  HostId: 'hbr.cn-hangzhou.aliyuncs.com',
  Code: code,
  Message: message,
  Recommend: `https://api.alibabacloud.com/troubleshoot?intl_lang=EN_US&q=${code}&product=hbr&requestId=<id>`,
});
const freshId = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** The body with each fresh request id as `<id>`; one id per body, never the example's own. */
function normalized(text: string): unknown {
  expect(new Set(text.match(freshId) ?? []).size).toBeLessThanOrEqual(1);
  return JSON.parse(text.replace(freshId, '<id>'));
}

/** Raw bytes to the API's port, and the whole answer (`then` follows once it starts). */
const rawExchange = (api: Api, bytes: string, then?: string) => exchangeOnWire(urls[api]!, bytes, then);

const shares = '/v2/p1/os-vendor-backup-sharing';
const bigQuery = `?name=${'a'.repeat(64 * 1024)}`;
const notUtf8 = (what: string, raw: string) => `${what} (${JSON.stringify(raw)}) is not valid percent-encoded UTF-8`;
const malformed = "the JSON body is malformed or truncated (Expected property name or '}' in JSON at position 1)";
const json = { 'content-type': 'application/json' };
/** A `Prefer` header on Huawei's count that the front refuses with `message`. */
const preferOnCount = (name: string, prefer: string, message: string) => ({
  name,
  api: 'huawei-vbs' as const,
  path: `${shares}/count`,
  headers: { prefer },
  status: 400,
  answer: huawei('badRequest', message),
});
const hostile: { name: string; api: Api; method?: string; path: string; headers?: Record<string, string>; body?: string; status: number; answer: unknown }[] = [
  {
    name: 'GET a malformed escape in shared_id',
    api: 'huawei-vbs',
    path: `${shares}/%FF`,
    status: 400,
    answer: huawei('badRequest', notUtf8('path parameter shared_id', '%FF')),
  },
  {
    name: 'DELETE a malformed escape in shared_id',
    api: 'huawei-vbs',
    method: 'DELETE',
    path: `${shares}/%E0%A4`,
    status: 400,
    answer: huawei('badRequest', notUtf8('path parameter shared_id', '%E0%A4')),
  },
  {
    name: 'a malformed escape in project_id',
    api: 'huawei-vbs',
    path: '/v2/%zz/os-vendor-backup-sharing/count',
    status: 400,
    answer: huawei('badRequest', notUtf8('path parameter project_id', '%zz')),
  },
  {
    name: 'a malformed escape outside every path',
    api: 'huawei-vbs',
    path: '/nope/%FF',
    status: 400,
    answer: huawei('badRequest', notUtf8('path segment 2', '%FF')),
  },
  {
    name: 'a malformed escape in a query value',
    api: 'huawei-vbs',
    path: `${shares}/count?name=%E0%A4`,
    status: 400,
    answer: huawei('badRequest', notUtf8('query parameter name', '%E0%A4')),
  },
  {
    name: 'a malformed escape in a query value, its name decoded',
    api: 'huawei-vbs',
    path: `${shares}/count?a=1&&na+me%20x=%E0%A4`,
    status: 400,
    answer: huawei('badRequest', notUtf8('query parameter na me x', '%E0%A4')),
  },
  {
    name: 'a malformed escape in a query name',
    api: 'huawei-vbs',
    path: `${shares}/count?%FF=1`,
    status: 400,
    answer: huawei('badRequest', notUtf8('a query parameter name', '%FF')),
  },
  {
    name: 'a malformed escape in an Alibaba query value',
    api: 'alibaba-hbr',
    path: '/?SourceType=%FF&Action=GetBasicStatistics',
    status: 400,
    answer: alibaba('MissingParameter', notUtf8('query parameter SourceType', '%FF')),
  },
  {
    name: 'a malformed JSON body',
    api: 'huawei-vbs',
    method: 'POST',
    path: shares,
    headers: json,
    body: '{',
    status: 400,
    answer: huawei('badRequest', malformed),
  },
  {
    name: 'a malformed body of a +json type',
    api: 'huawei-vbs',
    method: 'POST',
    path: shares,
    headers: { 'content-type': 'application/merge-patch+json' },
    body: '{',
    status: 400,
    answer: huawei('badRequest', malformed),
  },
  {
    name: 'a truncated JSON body',
    api: 'huawei-vbs',
    method: 'POST',
    path: shares,
    headers: json,
    body: '{"shared": {"backup_id": "0',
    status: 400,
    answer: huawei('badRequest', 'the JSON body is malformed or truncated (Unterminated string in JSON at position 27)'),
  },
  {
    name: 'a malformed JSON body to Alibaba',
    api: 'alibaba-hbr',
    method: 'POST',
    path: '/',
    headers: json,
    body: '{',
    status: 400,
    answer: alibaba('MissingParameter', malformed),
  },
  {
    name: 'a 64 KB query',
    api: 'huawei-vbs',
    path: `${shares}/count${bigQuery}`,
    status: 431,
    answer: huawei('badRequest', 'the request line or headers are too large (the query included)'),
  },
  {
    name: 'a 64 KB query to Alibaba',
    api: 'alibaba-hbr',
    path: `/${bigQuery}`,
    status: 431,
    answer: alibaba('MissingParameter', 'the request line or headers are too large (the query included)'),
  },
  {
    name: 'Prefer: example= an unknown example',
    api: 'alibaba-hbr',
    path: '/?SourceType=ECS_FILE&Action=GetBasicStatistics&Version=2017-09-08',
    headers: { prefer: 'example=nope' },
    status: 400,
    answer: alibaba(
      'MissingParameter',
      'Prefer: example=nope names no example of getBasicStatistics (known: MissingParameter, InvalidParameter, ThrottlingUser, ForbiddenRam, NoPermission, ServiceNotActivated)',
    ),
  },
  preferOnCount(
    'Prefer: example= an unknown example, to Huawei',
    'example=nope',
    'Prefer: example=nope names no example of countBackupShares (known: requestFormat, backupIdFormat, integerCode, gateway, serviceRights)',
  ),
  preferOnCount(
    'Prefer: example= with a code whose response names none',
    'code=404, example=nope',
    'Prefer: example=nope names no example of countBackupShares for 404 (known: none)',
  ),
  preferOnCount(
    'Prefer: code= an undocumented status',
    'code=418',
    'Prefer: code=418 is not documented for countBackupShares (documented: 200, 400, 401, 403, 404, 405, 406, 407, 408, 409, 500, 501, 502, 503, 504)',
  ),
  ...['abc', '600', '99'].map((code) => preferOnCount(`Prefer: code=${code}, not a status`, `code=${code}`, `Prefer: code=${code} is not an HTTP status`)),
  preferOnCount('Prefer: dynamic= neither true nor false', 'dynamic=maybe', 'Prefer: dynamic=maybe must be true or false'),
  {
    name: 'a method no contract has',
    api: 'huawei-vbs',
    method: 'PROPFIND',
    path: `${shares}/count`,
    status: 405,
    answer: huawei('badMethod', 'the HTTP method PROPFIND is not supported'),
  },
  { name: 'TRACE', api: 'alibaba-hbr', method: 'TRACE', path: '/', status: 405, answer: alibaba('MissingParameter', 'the HTTP method TRACE is not supported') },
  {
    name: 'a body over 1 MiB',
    api: 'huawei-vbs',
    method: 'POST',
    path: shares,
    headers: json,
    body: `"${'x'.repeat(1_100_000)}"`,
    status: 413,
    answer: huawei('badRequest', 'the request body is larger than 1048576 bytes'),
  },
];

describe('requests Prism cannot take get a prompt 4xx in the API shape, and the mock stays up', { timeout: 60_000 }, () => {
  it.each(hostile.map((c) => [c.name, c] as const))('%s', async (_name, { api, method = 'GET', path, headers = {}, body, status, answer }) => {
    const response = await sendRaw({ method, url: `${urls[api]}${path}`, headers: { ...token, ...headers }, body }, 10_000);
    expect([response.status, response.headers['content-type']]).toEqual([status, 'application/json']);
    expect(normalized(response.body)).toEqual(answer);
    expect((await validCall(urls, api)).status).toBe(200);
  });

  it.each<[string, Record<string, string>, string | undefined, number]>([
    ["a documented Prefer: code= is Prism's to answer", { prefer: 'code=404' }, undefined, 404],
    ['a body of a type that is not JSON is left to Prism', { 'content-type': 'text/plain' }, '{', 400],
    ['an empty JSON body is left to Prism', json, '', 400],
    ['a JSON body of exactly 1 MiB is taken whole, and left to Prism', json, `"${'x'.repeat(1024 * 1024 - 2)}"`, 400],
  ])('%s', async (_name, headers, body, status) => {
    const method = body === undefined ? 'GET' : 'POST';
    const path = body === undefined ? `${shares}/count` : shares;
    const response = await sendRaw({ method, url: `${urls['huawei-vbs']}${path}`, headers: { ...token, ...headers }, body }, 10_000);
    expect(response.status).toBe(status);
    expect(response.body).not.toContain('malformed');
  });

  it.each([
    ['an unknown method', 'huawei-vbs', 'FOO / HTTP/1.1\r\nHost: x\r\n\r\n', 405, huawei('badMethod', 'the HTTP method is not supported')],
    ['bare CR/LF and garbage', 'alibaba-hbr', '\r\n\r\nGARBAGE\r\n\r\n', 405, alibaba('MissingParameter', 'the HTTP method is not supported')],
    [
      'a header line without a colon',
      'huawei-vbs',
      'GET / HTTP/1.1\r\nno colon here\r\n\r\n',
      400,
      huawei('badRequest', 'the request is not valid HTTP (HPE_INVALID_HEADER_TOKEN)'),
    ],
    [
      'a request line over the limit',
      'alibaba-hbr',
      `GET /?${'a'.repeat(70_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
      431,
      alibaba('MissingParameter', 'the request line or headers are too large (the query included)'),
    ],
  ] as const)('%s on the wire gets an API-shaped answer', async (_name, api, bytes, status, body) => {
    const answer = await rawExchange(api, bytes);
    const [head = '', text = ''] = answer.split('\r\n\r\n');
    expect(head.split('\r\n')).toEqual([
      `HTTP/1.1 ${status} Refused`,
      'content-type: application/json',
      `content-length: ${Buffer.byteLength(text)}`,
      'connection: close',
    ]);
    expect(normalized(text)).toEqual(body);
    expect((await validCall(urls, api)).status).toBe(200);
  });

  it('a body whose chunk size is not hex is refused at once, not after an answer that never comes', async () => {
    const answer = await rawExchange('huawei-vbs', `POST ${shares} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 400 Refused\r\n/);
    expect(normalized(answer.split('\r\n\r\n')[1]!)).toEqual(huawei('badRequest', 'the request is not valid HTTP (HPE_INVALID_CHUNK_SIZE)'));
  });

  // one valid request with bytes no parser takes right behind it, in the same write
  const count = (connection: string) => `GET ${shares}/count HTTP/1.1\r\nHost: x\r\nx-auth-token: t\r\nconnection: ${connection}\r\n\r\n`;
  const answerHeads = (answer: string) => answer.match(/HTTP\/1\.1 \d{3} \w+/g);
  it.each([
    ['sent with it on a kept-alive connection: refused after its answer', 'keep-alive', false, ['HTTP/1.1 200 OK', 'HTTP/1.1 405 Refused']],
    ['sent once it is answered: refused at once', 'keep-alive', true, ['HTTP/1.1 200 OK', 'HTTP/1.1 405 Refused']],
    ['that asked to close: dropped', 'close', false, ['HTTP/1.1 200 OK']],
  ])('bytes after a whole request %s', async (_name, connection, afterAnswer, heads) => {
    const garbage = 'GARBAGE\r\n\r\n';
    const answer = await (afterAnswer ? rawExchange('huawei-vbs', count(connection), garbage) : rawExchange('huawei-vbs', `${count(connection)}${garbage}`));
    expect(answerHeads(answer)).toEqual(heads);
    expect(answer).toContain('\r\n\r\n{"count":');
  });

  it('a connection reset in the middle of a body leaves the mock answering', async () => {
    const { hostname, port } = new URL(urls['huawei-vbs']!);
    await new Promise<void>((done, fail) => {
      const socket = connect(Number(port), hostname, () => {
        socket.write(`POST ${shares} HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{"shared":`);
        setTimeout(() => socket.resetAndDestroy(), 50);
      });
      socket.on('close', () => done());
      socket.on('error', fail);
    });
    expect((await validCall(urls, 'huawei-vbs')).status).toBe(200);
  });

  const routeMissing = (path: string) => `Route not resolved, no path matched: The route ${path} hasn't been found in the specification file`;
  it.each<[string, Api, string, number, unknown[], unknown]>([
    [
      'a value outside the enum (Prism answers 400 with sl-violations)',
      'alibaba-hbr',
      '/?SourceType=NOPE&Action=GetBasicStatistics&Version=2017-09-08&Signature=x',
      400,
      [
        {
          location: ['request', 'query', 'sourcetype'],
          severity: 'Error',
          code: 'enum',
          message: 'Request query parameter sourcetype must be equal to one of the allowed values: ECS_FILE',
        },
      ],
      alibaba('MissingParameter', 'query.sourcetype: Request query parameter sourcetype must be equal to one of the allowed values: ECS_FILE'),
    ],
    [
      'a missing parameter',
      'alibaba-hbr',
      '/?Action=GetBasicStatistics&Version=2017-09-08&Signature=x',
      400,
      [{ location: ['request', 'query'], severity: 'Error', code: 'required', message: "Request query must have required property 'sourcetype'" }],
      alibaba('MissingParameter', "query: Request query must have required property 'sourcetype'"),
    ],
    [
      'a path no operation has (Prism answers a problem+json 404)',
      'alibaba-hbr',
      '/nowhere',
      404,
      [{ location: ['request'], code: 'problem', message: routeMissing('/nowhere') }],
      alibaba('InvalidAction.NotFound', `request: ${routeMissing('/nowhere')}`),
    ],
    [
      'a path no operation has, to Huawei',
      'huawei-vbs',
      '/nope',
      404,
      [{ location: ['request'], code: 'problem', message: routeMissing('/nope') }],
      huawei('itemNotFound', `request: ${routeMissing('/nope')}`),
    ],
  ])(
    'a contract violation found by Prism, %s, comes in the API shape with the reasons, in sl-violations too',
    async (_name, api, path, status, violations, body) => {
      const response = await sendRaw({ method: 'GET', url: `${urls[api]}${path}`, headers: token });
      expect(response.status).toBe(status);
      expect(JSON.parse(String(response.headers['sl-violations']))).toEqual(violations);
      expect(normalized(response.body)).toEqual(body);
    },
  );
});
