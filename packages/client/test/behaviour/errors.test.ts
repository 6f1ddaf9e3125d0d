// Every error kind, for both clouds, produced by a real HTTP server: the client classifies what
// arrived (or did not) into one CloudApiError with a `kind` callers can narrow on.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { CloudApiError, type ErrorKind } from '../../src/core/errors.js';
import type { AlibabaHbrError } from '../../src/alibaba-hbr/index.js';
import type { HuaweiVbsError } from '../../src/huawei-vbs/index.js';
import { alibabaClient, dropConnection, hangingReply, huaweiClient, SHORT_TIMEOUT_MS, useScriptedServer, type Reply } from './helpers.js';

const server = useScriptedServer();

interface Want {
  kind: ErrorKind;
  status?: number;
  code?: string;
  errorType?: string;
  message?: string;
  requestId?: string;
  recommend?: string;
  hostId?: string;
}

interface Case {
  given: { reply: Reply };
  want: Want;
}

const huaweiNotFound = { itemNotFound: { message: 'Backup share 8332443e could not be found.', code: 'VolumeBackup.0008' } };
// the OpenStack-style body VBS's native-API pages show: the HTTP status as an integer code
const huaweiOpenStackNotFound = { itemNotFound: { message: 'Backup 592a0c4d-65a3-4051-8d51-1e2b6401b2d8 could not be found.', code: 404 } };
const huaweiGateway = {
  error_msg: 'Incorrect IAM authentication information: verify aksk signature fail',
  error_code: 'APIG.0301',
  request_id: 'b1d5c3e2f0a94e7c8d6b',
};
const alibabaError = {
  RequestId: '7BD1E6D5-26A5-5E71-9A21-8A2D4C5A4A3E',
  HostId: 'hbr.cn-hangzhou.aliyuncs.com',
  Code: 'InvalidParameter',
  Message: 'The specified parameter "SourceType" is not valid.',
  Recommend: 'https://api.aliyun.com/troubleshoot?q=InvalidParameter&product=hbr',
};

const huaweiCases: [string, Case][] = [
  [
    'a nested service error on 404 is kind service, with its code, type, message and the X-Request-Id header',
    {
      given: { reply: { status: 404, body: huaweiNotFound, headers: { 'X-Request-Id': 'req-404-abc' } } },
      want: {
        kind: 'service',
        status: 404,
        code: 'VolumeBackup.0008',
        errorType: 'itemNotFound',
        message: huaweiNotFound.itemNotFound.message,
        requestId: 'req-404-abc',
      },
    },
  ],
  [
    'an OpenStack-style error whose code is an integer is kind service, the code as its decimal string',
    {
      given: { reply: { status: 404, body: huaweiOpenStackNotFound } },
      want: { kind: 'service', status: 404, code: '404', errorType: 'itemNotFound', message: huaweiOpenStackNotFound.itemNotFound.message },
    },
  ],
  [
    'an API gateway error on 401 is kind gateway, with the request id from the body',
    {
      given: { reply: { status: 401, body: huaweiGateway } },
      want: { kind: 'gateway', status: 401, code: 'APIG.0301', message: huaweiGateway.error_msg, requestId: huaweiGateway.request_id },
    },
  ],
  [
    'a 500 with an HTML body is kind http',
    {
      given: { reply: { status: 500, body: '<html><body><h1>500 Internal Server Error</h1></body></html>', headers: { 'content-type': 'text/html' } } },
      want: { kind: 'http', status: 500 },
    },
  ],
  [
    'a 500 with a plain-text body is kind http',
    { given: { reply: { status: 500, body: 'upstream exploded', headers: { 'content-type': 'text/plain' } } }, want: { kind: 'http', status: 500 } },
  ],
  [
    'a 200 whose body is not JSON is kind invalid-response',
    {
      given: { reply: { status: 200, body: '<html>maintenance</html>', headers: { 'content-type': 'text/html' } } },
      want: { kind: 'invalid-response', status: 200 },
    },
  ],
  ['a dropped connection is kind network', { given: { reply: dropConnection }, want: { kind: 'network' } }],
  [
    'a nested error with a message and no code is kind service, its code empty',
    {
      given: { reply: { status: 404, body: { itemNotFound: { message: 'no such share' } } } },
      want: { kind: 'service', status: 404, code: '', errorType: 'itemNotFound', message: 'no such share' },
    },
  ],
  [
    'a nested error with a code and no message is kind service, in its own words',
    {
      given: { reply: { status: 404, body: { itemNotFound: { code: 'VolumeBackup.0008' } } } },
      want: { kind: 'service', status: 404, code: 'VolumeBackup.0008', message: 'the service answered HTTP 404 without a recognised error body' },
    },
  ],
  [
    'a nested object with neither code nor message is kind http',
    {
      given: { reply: { status: 404, body: { itemNotFound: { reason: 'gone' } } } },
      want: { kind: 'http', status: 404, message: 'the service answered HTTP 404 without a recognised error body' },
    },
  ],
];

const alibabaCases: [string, Case][] = [
  [
    'an error body on 400 is kind service, with code, message, recommend, hostId and requestId',
    {
      given: { reply: { status: 400, body: alibabaError } },
      want: {
        kind: 'service',
        status: 400,
        code: alibabaError.Code,
        message: alibabaError.Message,
        requestId: alibabaError.RequestId,
        recommend: alibabaError.Recommend,
        hostId: alibabaError.HostId,
      },
    },
  ],
  [
    'a 200 with Success: false is kind unsuccessful',
    {
      given: { reply: { status: 200, body: { RequestId: 'A1B2-C3', Code: 'InternalError', Message: 'statistics are not ready', Success: false } } },
      want: { kind: 'unsuccessful', status: 200, code: 'InternalError', message: 'statistics are not ready', requestId: 'A1B2-C3' },
    },
  ],
  [
    'a 502 with an HTML body is kind http',
    { given: { reply: { status: 502, body: '<html>Bad Gateway</html>', headers: { 'content-type': 'text/html' } } }, want: { kind: 'http', status: 502 } },
  ],
  [
    'a 200 whose body is not JSON is kind invalid-response',
    { given: { reply: { status: 200, body: 'not json at all', headers: { 'content-type': 'text/plain' } } }, want: { kind: 'invalid-response', status: 200 } },
  ],
  ['a dropped connection is kind network', { given: { reply: dropConnection }, want: { kind: 'network' } }],
];

function expectError(error: CloudApiError | undefined, want: Want, vendor: 'huawei' | 'alibaba', operationId: string): void {
  expect(error).toBeInstanceOf(CloudApiError);
  expect(error).toBeInstanceOf(Error);
  expect(error).toMatchObject({ vendor, operationId, attempts: 1, ...want });
  if (want.status === undefined) expect(error!.status).toBeUndefined();
  const text = error!.toString();
  expect(text).toContain(want.kind);
  if (want.status !== undefined) expect(text).toContain(String(want.status));
  if (want.code !== undefined) expect(text).toContain(want.code);
  expect(text).toContain(operationId);
}

describe('Huawei VBS errors', () => {
  it.each(huaweiCases)('%s', async (_name, { given, want }) => {
    server.reply(given.reply);
    const client = huaweiClient(server, { retry: false });
    const result = await client.countBackupShares();
    expect(result.data).toBeUndefined();
    expectError(result.error, want, 'huawei', 'countBackupShares');
    expect(server.received).toHaveLength(1);
  });

  it('a reply slower than timeoutMs is kind timeout, with no status', async () => {
    const hang = hangingReply();
    server.reply(hang.reply);
    const result = await huaweiClient(server, { retry: false, timeoutMs: SHORT_TIMEOUT_MS }).countBackupShares();
    await hang.arrived;
    expectError(result.error, { kind: 'timeout' }, 'huawei', 'countBackupShares');
    expect(result.response).toBeUndefined();
  });

  it('aborting the caller’s AbortController mid-request is kind aborted', async () => {
    const hang = hangingReply();
    server.reply(hang.reply);
    const controller = new AbortController();
    const pending = huaweiClient(server).countBackupShares({ signal: controller.signal });
    await hang.arrived;
    controller.abort();
    const result = await pending;
    expectError(result.error, { kind: 'aborted' }, 'huawei', 'countBackupShares');
    expect(server.received).toHaveLength(1);
  });

  it('a per-call timeoutMs overrides the client’s', async () => {
    const hang = hangingReply();
    server.reply(hang.reply);
    const result = await huaweiClient(server, { retry: false, timeoutMs: 600_000 }).countBackupShares({ timeoutMs: SHORT_TIMEOUT_MS });
    await hang.arrived;
    expect(result.error?.kind).toBe('timeout');
  });

  it.each<[string, unknown, string]>([
    ['a string code is kept as sent', 'VolumeBackup.0002', 'VolumeBackup.0002'],
    ['an integer code becomes its decimal string', 409, '409'],
    ['a zero code becomes "0"', 0, '0'],
    ['a fractional number is no code', 404.5, ''],
    ['an integer beyond 2^53 is no code', 2 ** 60, ''],
    ['a boolean is no code', true, ''],
    ['null is no code', null, ''],
  ])('the service error code: %s', async (_name, sent, code) => {
    const body = { badRequest: { message: 'refused', code: sent } };
    server.reply({ status: 400, body });
    const { error } = await huaweiClient(server, { retry: false }).countBackupShares();
    expect(error).toMatchObject({ kind: 'service', status: 400, code, errorType: 'badRequest', message: 'refused' });
    // the body stays as the service sent it
    expect(error?.body).toEqual(body);
  });

  it('the error result carries the response when one arrived', async () => {
    server.reply({ status: 404, body: huaweiNotFound });
    const result = await huaweiClient(server).getBackupShare({ path: { shared_id: 'nope' } });
    expect(result.response?.status).toBe(404);
    expect(result.error?.body).toEqual(huaweiNotFound);
  });
});

describe('Alibaba HBR errors', () => {
  describe.each(['acs3', 'rpc-v2'] as const)('signed with %s', (mode) => {
    it.each(alibabaCases)('%s', async (_name, { given, want }) => {
      server.reply(given.reply);
      const client = alibabaClient(server, { mode, retry: false });
      const result = await client.getBasicStatistics({ query: { SourceType: 'ECS_FILE' } });
      expect(result.data).toBeUndefined();
      expectError(result.error, want, 'alibaba', 'getBasicStatistics');
      expect(server.received).toHaveLength(1);
    });
  });

  it('a reply slower than timeoutMs is kind timeout', async () => {
    const hang = hangingReply();
    server.reply(hang.reply);
    const result = await alibabaClient(server, { retry: false, timeoutMs: SHORT_TIMEOUT_MS }).getBasicStatistics({ query: { SourceType: 'ECS_FILE' } });
    await hang.arrived;
    expectError(result.error, { kind: 'timeout' }, 'alibaba', 'getBasicStatistics');
  });

  it('aborting the caller’s AbortController mid-request is kind aborted', async () => {
    const hang = hangingReply();
    server.reply(hang.reply);
    const controller = new AbortController();
    const pending = alibabaClient(server).getBasicStatisticsViaPost({ query: { SourceType: 'ECS_FILE' }, signal: controller.signal });
    await hang.arrived;
    controller.abort();
    const result = await pending;
    expectError(result.error, { kind: 'aborted' }, 'alibaba', 'getBasicStatisticsViaPost');
  });

  it('the request id falls back to the x-acs-request-id header when the body has none', async () => {
    server.reply({ status: 503, body: { Code: 'ServiceUnavailable', Message: 'busy' }, headers: { 'x-acs-request-id': 'hdr-req-1' } });
    const result = await alibabaClient(server, { retry: false }).getBasicStatistics({ query: { SourceType: 'ECS_FILE' } });
    expect(result.error).toMatchObject({ kind: 'service', code: 'ServiceUnavailable', requestId: 'hdr-req-1' });
  });
});

// Narrowing, as a caller writes it: each kind exposes the fields that kind guarantees.
function describeHuaweiError(error: HuaweiVbsError): string {
  if (error.kind === 'gateway') {
    expectTypeOf(error.code).toExtend<string>();
    expectTypeOf(error.status).toEqualTypeOf<number>();
    return `gateway ${error.code} (${error.status})`;
  }
  if (error.kind === 'service') {
    expectTypeOf(error.errorType).toEqualTypeOf<string>();
    expectTypeOf(error.code).toEqualTypeOf<string>();
    return `service ${error.errorType}/${error.code}`;
  }
  // note: a switch, because `kind !== 'http' && kind !== 'invalid-response'` does not remove
  // HttpFailure (one union member holding both kinds) from the type
  switch (error.kind) {
    case 'http':
    case 'invalid-response':
      expectTypeOf(error.status).toEqualTypeOf<number>();
      return `${error.kind} ${error.status}`;
    default:
      expectTypeOf(error.kind).toEqualTypeOf<'network' | 'timeout' | 'aborted' | 'credentials'>();
      expectTypeOf(error.status).toEqualTypeOf<undefined>();
      return error.kind;
  }
}

function describeAlibabaError(error: AlibabaHbrError): string {
  switch (error.kind) {
    case 'service':
      return `service ${error.code} ${error.recommend ?? ''}`;
    case 'unsuccessful':
      expectTypeOf(error.status).toEqualTypeOf<number>();
      return `unsuccessful ${error.code ?? '-'}`;
    case 'http':
    case 'invalid-response':
      return `${error.kind} ${error.status}`;
    default:
      expectTypeOf(error.kind).toEqualTypeOf<'network' | 'timeout' | 'aborted' | 'credentials'>();
      return error.kind;
  }
}

describe('narrowing on kind', () => {
  it.each([
    ['a Huawei gateway error narrows to its code', { given: { status: 401, body: huaweiGateway }, want: 'gateway APIG.0301 (401)' }],
    ['a Huawei service error narrows to its type and code', { given: { status: 404, body: huaweiNotFound }, want: 'service itemNotFound/VolumeBackup.0008' }],
    [
      'an OpenStack-style Huawei service error narrows to its type and a string code',
      { given: { status: 404, body: huaweiOpenStackNotFound }, want: 'service itemNotFound/404' },
    ],
    ['a Huawei http error narrows to its status', { given: { status: 500, body: 'oops' }, want: 'http 500' }],
  ])('%s', async (_name, { given, want }) => {
    server.reply(given);
    const { error } = await huaweiClient(server, { retry: false }).countBackupShares();
    if (!error) throw new Error('expected an error');
    expect(describeHuaweiError(error)).toBe(want);
  });

  it.each([
    [
      'an Alibaba service error narrows to its code and recommend',
      { given: { status: 400, body: alibabaError }, want: `service InvalidParameter ${alibabaError.Recommend}` },
    ],
    ['an Alibaba unsuccessful 200 narrows to its code', { given: { status: 200, body: { Success: false, Code: 'X.Y' } }, want: 'unsuccessful X.Y' }],
  ])('%s', async (_name, { given, want }) => {
    server.reply(given);
    const { error } = await alibabaClient(server, { retry: false }).getBasicStatistics({ query: { SourceType: 'ECS_FILE' } });
    if (!error) throw new Error('expected an error');
    expect(describeAlibabaError(error)).toBe(want);
  });
});
