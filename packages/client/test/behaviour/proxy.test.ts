// Through an HTTP proxy, the recipe openai-node documents: undici's own `fetch` with a
// `ProxyAgent` dispatcher, passed as the `fetch` option. A real forwarding proxy records each
// request it carried; every request the server received came through it, signed calls verify,
// retries and page walks included.
import { fetch as undiciFetch, ProxyAgent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRecordingProxy } from '@cloud-backup-contracts/testkit/recording-proxy';
import {
  alibabaClient,
  alibabaStatistics,
  huaweiClient,
  recomputeAcs3,
  recomputeHuawei,
  recomputeRpcV2,
  shareItem,
  useScriptedServer,
  validShareBody,
} from './helpers.js';

const server = useScriptedServer();
let proxy: Awaited<ReturnType<typeof startRecordingProxy>>;
let dispatcher: ProxyAgent;
beforeAll(async () => {
  proxy = await startRecordingProxy();
  // proxyTunnel false: an http:// target is forwarded request by request, so the proxy sees each one
  dispatcher = new ProxyAgent({ uri: proxy.url, proxyTunnel: false });
});
afterAll(async () => {
  await dispatcher.close();
  await proxy.close();
});

/** undici's fetch through the proxy, typed as the option expects. */
const proxiedFetch = ((input: Parameters<typeof undiciFetch>[0], init?: Parameters<typeof undiciFetch>[1]) =>
  undiciFetch(input, { ...init, dispatcher })) as unknown as typeof globalThis.fetch;

const statistics = { query: { SourceType: 'ECS_FILE' } } as const;

describe('undici fetch with a ProxyAgent as the fetch option', () => {
  it('every request of a run is carried by the proxy, and each signed one verifies', async () => {
    proxy.carried.length = 0;
    server.reply(
      { status: 200, body: { count: 2 } },
      { status: 503, body: { error_code: 'APIG.0201', error_msg: 'busy', request_id: 'r' } },
      { status: 200, body: { shared: [shareItem(1)] } },
      { status: 200, body: { shared: [shareItem(2)] } },
      { status: 200, body: { shared: [] } },
      { status: 200, body: { shared: [] } },
      { status: 200, body: alibabaStatistics },
      { status: 200, body: alibabaStatistics },
    );
    const huawei = huaweiClient(server, { fetch: proxiedFetch });
    expect((await huawei.countBackupShares()).data).toEqual({ count: 2 });
    // a page walk of one-item pages, its first page retried
    const pages = [];
    for await (const page of huawei.pages.listBackupShareDetails({}, { pageSize: 1 })) pages.push(page.error ?? page.data);
    expect(pages).toHaveLength(3);
    expect((await huawei.createBackupShares({ body: validShareBody })).error).toBeUndefined();
    expect((await alibabaClient(server, { fetch: proxiedFetch }).getBasicStatistics(statistics)).error).toBeUndefined();
    expect((await alibabaClient(server, { fetch: proxiedFetch, mode: 'rpc-v2', sts: true }).getBasicStatistics(statistics)).error).toBeUndefined();

    const seen = server.received.map((request) => `${request.method} ${server.baseUrl}${request.url.pathname}${request.url.search}`);
    expect(seen).toHaveLength(8);
    expect(proxy.carried).toEqual(seen);
    const [count, , , , , share, acs3, rpcV2] = server.received;
    for (const request of [count!, share!]) expect(await recomputeHuawei(request)).toBe(request.headers.authorization);
    expect(await recomputeAcs3(acs3!)).toBe(acs3!.headers.authorization);
    expect(await recomputeRpcV2(rpcV2!, true)).toBe(rpcV2!.url.searchParams.get('Signature'));
  });

  it('the raw client goes through the same fetch', async () => {
    proxy.carried.length = 0;
    server.reply({ status: 200, body: { count: 1 } });
    const { data } = await huaweiClient(server, { fetch: proxiedFetch }).raw.GET('/v2/{project_id}/os-vendor-backup-sharing/count', {
      params: { path: { project_id: 'p' } },
    });
    expect(data).toEqual({ count: 1 });
    expect(proxy.carried).toHaveLength(1);
  });
});
