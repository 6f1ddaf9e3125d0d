// The exchange and the call's classification at their edges: the statuses that are and are not
// redirects, responses a browser or a polyfill fetch gives that Node's never does, failures that
// are not Errors, and the exact words of each outcome.
import type { ServerResponse } from 'node:http';
import { describe, expect, it, vi } from 'vitest';
import { createHuaweiVbsClient } from '../../src/huawei-vbs/index.js';
import { createAlibabaHbrClient } from '../../src/alibaba-hbr/index.js';
import { huaweiClient, PROJECT_ID, type ReceivedRequest, shareItem, useScriptedServer } from './helpers.js';

const server = useScriptedServer();

/** A Huawei client whose fetch answers with `respond` instead of the network. */
const clientWithFetch = (respond: () => unknown) =>
  createHuaweiVbsClient({
    baseUrl: server.baseUrl,
    projectId: PROJECT_ID,
    auth: { type: 'token', token: 't' },
    retry: false,
    fetch: (async () => respond()) as never,
  });

/** What a browser's fetch gives for `redirect: 'manual'`: status 0, no headers, no body. */
const opaqueRedirect = () => ({ type: 'opaqueredirect', status: 0, statusText: '', ok: false, headers: new Headers(), body: null });

describe('redirects, and what is not one', () => {
  it('a browser opaque redirect is refused without a location or a status', async () => {
    const { error } = await clientWithFetch(opaqueRedirect).countBackupShares();
    expect(error).toMatchObject({
      kind: 'redirect',
      status: undefined,
      redirectTo: 'a location the browser does not reveal',
      message: 'the service redirected to a location the browser does not reveal; the client never follows redirects, so no credential reaches another server',
    });
  });

  it('a redirect to an unreadable location is refused, naming neither', async () => {
    server.reply({ status: 302, headers: { location: 'http://[::1' }, body: '' });
    const { error } = await huaweiClient(server, { retry: false }).countBackupShares();
    expect(error).toMatchObject({ kind: 'redirect', status: 302, redirectTo: 'an unreadable location' });
    expect((error as Error).message).toBe(
      'the service redirected (HTTP 302) to an unreadable location; the client never follows redirects, so no credential reaches another server',
    );
  });

  it.each([
    [200, { data: { count: 3 } }],
    [299, { data: { count: 3 } }],
    [400, { error: { kind: 'http', status: 400 } }],
  ])('a %i with a Location header is not a redirect', async (status, expected) => {
    server.reply({ status, headers: { location: 'https://elsewhere.example/' }, body: { count: 3 } });
    expect(await huaweiClient(server, { retry: false }).countBackupShares()).toMatchObject(expected);
  });
});

describe('bodies a fetch other than Node’s may give', () => {
  it('a 200 without a body stream is a response without a body', async () => {
    const { error } = await clientWithFetch(() => new Response(null, { status: 200 })).countBackupShares();
    expect(error).toMatchObject({ kind: 'invalid-response', status: 200, message: 'the 200 response has no body, though the contract promises one' });
  });

  it('a 204 with an empty body stream is taken as the bodiless answer it is', async () => {
    const empty = () => ({ type: 'basic', status: 204, statusText: 'No Content', ok: true, headers: new Headers(), body: new Response('').body });
    const result = await clientWithFetch(empty).countBackupShares();
    expect(result.error).toBeUndefined();
    expect(result.response?.status).toBe(204);
  });
});

describe('how a failed call is worded', () => {
  it.each<[string, () => unknown, string]>([
    ['a fetch that rejects with a string', () => Promise.reject('socket gone'), 'the exchange with the service failed: socket gone'],
    ['a fetch that rejects with an Error', () => Promise.reject(new Error('ECONNRESET')), 'the exchange with the service failed: ECONNRESET'],
  ])('%s is a network error', async (_what, respond, message) => {
    const { error } = await clientWithFetch(respond).countBackupShares();
    expect(error).toMatchObject({ kind: 'network', message });
  });

  it('a timeout names the per-call timeout', async () => {
    const hang = (_request: ReceivedRequest, _response: ServerResponse) => undefined;
    server.reply(hang);
    const { error } = await huaweiClient(server, { retry: false }).countBackupShares({ timeoutMs: 50 });
    expect(error).toMatchObject({ kind: 'timeout', message: 'no complete response within 50 ms' });
  });

  it('an abort by the caller says so', async () => {
    server.reply((_request: ReceivedRequest, _response: ServerResponse) => undefined);
    const controller = new AbortController();
    const call = huaweiClient(server, { retry: false }).countBackupShares({ signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    expect((await call).error).toMatchObject({ kind: 'aborted', message: 'the call was aborted by the caller' });
  });

  it('an answered call leaves no timer behind (its timeout is cleared, not left to fire)', async () => {
    // the call's own timer, told apart by its delay: counting all the process's timers raced
    // with the server's and the connection pool's
    const started = new Set<unknown>();
    const set = vi.spyOn(globalThis, 'setTimeout');
    const clear = vi.spyOn(globalThis, 'clearTimeout');
    try {
      server.reply({ status: 200, body: { count: 3 } });
      const client = huaweiClient(server, { retry: false, timeoutMs: 600_123 });
      expect((await client.countBackupShares()).data).toEqual({ count: 3 });
      set.mock.calls.forEach(([, delay], index) => {
        if (delay === 600_123) started.add(set.mock.results[index]!.value);
      });
      expect(started.size).toBe(1);
      const cleared = new Set(clear.mock.calls.map(([timer]) => timer));
      expect([...started].every((timer) => cleared.has(timer as never))).toBe(true);
    } finally {
      set.mockRestore();
      clear.mockRestore();
    }
  });

  it('a 2xx body that is not JSON says so', async () => {
    server.reply({ status: 200, body: '{"count": 3' });
    const { error } = await huaweiClient(server, { retry: false }).countBackupShares();
    expect(error).toMatchObject({ kind: 'invalid-response', status: 200, message: 'the 200 response body is not JSON' });
  });

  it('an error status with an empty body is described without one', async () => {
    server.reply({ status: 500, body: '' });
    const { error } = await huaweiClient(server, { retry: false }).countBackupShares();
    expect(error).toMatchObject({ kind: 'http', status: 500, body: undefined });
  });

  it('a throw that is not the exchange’s (here, in a middleware) is a bug, thrown as it is', async () => {
    const client = huaweiClient(server, { retry: false });
    client.raw.use({
      onRequest: () => {
        throw new Error('middleware bug');
      },
    });
    await expect(client.countBackupShares()).rejects.toThrow('middleware bug');
    expect(server.received).toHaveLength(0);
  });
});

describe('the client object', () => {
  it('has a page iterator for each listing, and no other', () => {
    const huawei = huaweiClient(server);
    const alibaba = createAlibabaHbrClient({ baseUrl: server.baseUrl, auth: { type: 'acs3', accessKeyId: 'AK', accessKeySecret: 'SK' } });
    expect(Object.keys(huawei.pages)).toEqual(['listBackupShareDetails']);
    expect(Object.keys(alibaba.pages)).toEqual([]);
  });

  it('refuses a fetch option that is not a function, naming it', () => {
    expect(() => huaweiClient(server, { fetch: 'fetch' as never })).toThrow(
      expect.objectContaining({ name: 'ClientInputError', field: 'fetch', message: 'fetch must be a function (no global fetch found)' }),
    );
  });
});

describe('next-page links the service garbles', () => {
  it.each<[string, unknown[]]>([
    ['links without a next one', [{ rel: 'previous', href: '/x?marker=a' }]],
    ['a null among the links', [null]],
  ])('%s: the walk goes on by offset', async (_what, links) => {
    server.reply({ status: 200, body: { shared: [shareItem(1), shareItem(2)], shared_links: links } }, { status: 200, body: { shared: [] } });
    const pages = [];
    for await (const page of huaweiClient(server, { retry: false }).pages.listBackupShareDetails({}, { pageSize: 2 })) pages.push(page);
    expect(pages.map((page) => page.error ?? page.data?.shared.length)).toEqual([2, 0]);
    expect(server.received.map((request) => request.url.searchParams.get('offset'))).toEqual(['0', '2']);
  });
});
