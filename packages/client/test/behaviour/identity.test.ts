// What a service sees of the client, and what the caller learns back, against a real server: a
// User-Agent naming this package, its version and the runtime, with the caller's suffix (signed
// with the rest by Huawei AK/SK), and the vendor's request id on every result, successes included.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultUserAgent as browserUserAgent } from '../../src/runtime/web.js';
import { inputError } from '../support/input-error.js';
import { alibabaClient, alibabaStatistics, huaweiClient, PROJECT_ID, recomputeHuawei, type Reply, type ScriptedServer, useScriptedServer } from './helpers.js';

const server = useScriptedServer();
const statistics = { query: { SourceType: 'ECS_FILE' } } as const;
const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
const ownAgent = `cloud-backup-contracts-client/${version} node/${process.versions.node}`;

describe('User-Agent', () => {
  it.each<[string, { given: { userAgent?: string; call: (s: ScriptedServer, userAgent?: string) => Promise<unknown> }; want: string }]>([
    ['Huawei, the default', { given: { call: (s) => huaweiClient(s).countBackupShares() }, want: ownAgent }],
    [
      'Huawei, with a caller suffix',
      {
        given: { userAgent: 'backup-reporter/1.4', call: (s, userAgent) => huaweiClient(s, { userAgent }).countBackupShares() },
        want: `${ownAgent} backup-reporter/1.4`,
      },
    ],
    ['Alibaba ACS3, the default', { given: { call: (s) => alibabaClient(s).getBasicStatistics(statistics) }, want: ownAgent }],
    [
      'Alibaba RPC V2, with a caller suffix',
      {
        given: { userAgent: 'nightly (ops team)', call: (s, userAgent) => alibabaClient(s, { mode: 'rpc-v2', userAgent }).getBasicStatistics(statistics) },
        want: `${ownAgent} nightly (ops team)`,
      },
    ],
    [
      'the raw client',
      {
        given: { call: (s) => huaweiClient(s).raw.GET('/v2/{project_id}/os-vendor-backup-sharing/count', { params: { path: { project_id: PROJECT_ID } } }) },
        want: ownAgent,
      },
    ],
  ])('%s', async (_name, { given, want }) => {
    server.reply({ status: 200, body: { count: 1, ...alibabaStatistics } });
    await given.call(server, given.userAgent);
    expect(server.received[0]!.headers['user-agent']).toBe(want);
  });

  it('Huawei AK/SK signs it with the other headers', async () => {
    server.reply({ status: 200, body: { count: 1 } });
    await huaweiClient(server, { userAgent: 'reporter/2' }).countBackupShares();
    const [request] = server.received;
    expect(String(request!.headers.authorization)).toMatch(/SignedHeaders=[^,]*user-agent/);
    expect(await recomputeHuawei(request!)).toBe(request!.headers.authorization);
  });

  it.each<[string, unknown]>([
    ['an empty suffix', ''],
    ['a line break', 'a\r\nX-Injected: 1'],
    ['a number', 42],
    ['two spaces in a row', 'a  b'],
  ])('a suffix with %s is refused, naming the option', (_name, userAgent) => {
    expect(() => huaweiClient(server, { userAgent: userAgent as string })).toThrow(
      inputError('userAgent must be visible ASCII words separated by single spaces, e.g. "backup-reporter/1.4"'),
    );
  });

  it('the browser build names none (a browser sends its own)', () => {
    expect(browserUserAgent()).toBeUndefined();
  });
});

describe('requestId on every result', () => {
  it.each<
    [string, { given: { reply: Reply; call: (s: ScriptedServer) => Promise<{ requestId: string | undefined; error?: unknown }> }; want: string | undefined }]
  >([
    [
      'a Huawei success, from X-Request-Id',
      {
        given: { reply: { status: 200, body: { count: 1 }, headers: { 'X-Request-Id': 'hw-ok' } }, call: (s) => huaweiClient(s).countBackupShares() },
        want: 'hw-ok',
      },
    ],
    [
      'a Huawei success, from X-Openstack-Request-Id',
      {
        given: {
          reply: { status: 200, body: { count: 1 }, headers: { 'X-Openstack-Request-Id': 'req-os' } },
          call: (s) => huaweiClient(s).countBackupShares(),
        },
        want: 'req-os',
      },
    ],
    [
      'a Huawei success without one',
      { given: { reply: { status: 200, body: { count: 1 } }, call: (s) => huaweiClient(s).countBackupShares() }, want: undefined },
    ],
    [
      'a Huawei gateway error, from its body',
      {
        given: {
          reply: { status: 403, body: { error_code: 'APIG.0302', error_msg: 'no', request_id: 'gw-1' } },
          call: (s) => huaweiClient(s).countBackupShares(),
        },
        want: 'gw-1',
      },
    ],
    [
      'an Alibaba success, from its body',
      {
        given: { reply: { status: 200, body: alibabaStatistics }, call: (s) => alibabaClient(s).getBasicStatistics(statistics) },
        want: alibabaStatistics.RequestId,
      },
    ],
    [
      'an Alibaba success, from x-acs-request-id when the body has none',
      {
        given: {
          reply: { status: 200, body: { ...alibabaStatistics, RequestId: undefined }, headers: { 'x-acs-request-id': 'hdr-1' } },
          call: (s) => alibabaClient(s).getBasicStatistics(statistics),
        },
        want: 'hdr-1',
      },
    ],
    [
      'an Alibaba service error',
      {
        given: { reply: { status: 403, body: { Code: 'Forbidden.RAM', RequestId: 'ali-403' } }, call: (s) => alibabaClient(s).getBasicStatistics(statistics) },
        want: 'ali-403',
      },
    ],
  ])('%s', async (_name, { given, want }) => {
    server.reply(given.reply);
    const result = await given.call(server);
    expect(result.requestId).toBe(want);
    if (result.error) expect((result.error as { requestId?: string }).requestId).toBe(want);
  });

  it('each page of a walk carries its own', async () => {
    server.reply({ status: 200, body: { shared: [] }, headers: { 'X-Request-Id': 'page-1' } });
    const ids = [];
    for await (const page of huaweiClient(server).pages.listBackupShareDetails()) ids.push(page.requestId);
    expect(ids).toEqual(['page-1']);
  });
});
