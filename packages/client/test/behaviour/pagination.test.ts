// `pages.listBackupShareDetails` walks limit/offset pages against a real server: the requests it
// sends, where it stops, and how it reports an error.
import { describe, expect, it } from 'vitest';
import { ClientInputError } from '../../src/core/errors.js';
import type { PageOptions } from '../../src/core/types.js';
import { huaweiClient, PROJECT_ID, shareItem, startScriptedServer, useScriptedServer, type Reply } from './helpers.js';

const server = useScriptedServer();

/** A page reply holding `count` items numbered from `first`. */
const page = (first: number, count: number): Reply => ({ status: 200, body: { shared: Array.from({ length: count }, (_, i) => shareItem(first + i)) } });
const listingPath = `/v2/${PROJECT_ID}/os-vendor-backup-sharing/detail`;
/** A `rel: next` link as the service writes it: its own origin, limit and marker. */
const nextLink = (marker: string, { origin = 'https://vbs.cn-north-4.myhuaweicloud.com', path = listingPath } = {}) => ({
  rel: 'next',
  href: `${origin}${path}?limit=2&marker=${marker}`,
});
/** A page reply holding `count` items numbered from `first`, with a next link carrying `marker`. */
const linked = (first: number, count: number, marker: string, link = nextLink(marker)): Reply => ({
  status: 200,
  body: { shared: Array.from({ length: count }, (_, i) => shareItem(first + i)), shared_links: [{ rel: 'self', href: 'ignored' }, link] },
});
const notFound: Reply = { status: 404, body: { itemNotFound: { code: 'VolumeBackup.0008', message: 'gone' } } };

interface Case {
  given: { replies: Reply[]; options: PageOptions };
  want: { pageSizes: (number | 'error')[]; offsets: string[]; limit: string };
}

describe('pages.listBackupShareDetails', () => {
  it.each<[string, Case]>([
    [
      'pages of 2, 2, 1 make 3 pages with offsets 0, 2, 4',
      {
        given: { replies: [page(0, 2), page(2, 2), page(4, 1)], options: { pageSize: 2 } },
        want: { pageSizes: [2, 2, 1], offsets: ['0', '2', '4'], limit: '2' },
      },
    ],
    [
      'a full last page is followed by an empty one, which ends the walk',
      {
        given: { replies: [page(0, 2), page(2, 2), page(4, 0)], options: { pageSize: 2 } },
        want: { pageSizes: [2, 2, 0], offsets: ['0', '2', '4'], limit: '2' },
      },
    ],
    [
      'an error on page 2 yields the error result and stops',
      { given: { replies: [page(0, 2), notFound, page(4, 1)], options: { pageSize: 2 } }, want: { pageSizes: [2, 'error'], offsets: ['0', '2'], limit: '2' } },
    ],
    [
      'maxPages: 1 stops after one full page',
      { given: { replies: [page(0, 2), page(2, 2)], options: { pageSize: 2, maxPages: 1 } }, want: { pageSizes: [2], offsets: ['0'], limit: '2' } },
    ],
    [
      'maxPages: 2 stops after two full pages',
      {
        given: { replies: [page(0, 2), page(2, 2), page(4, 2)], options: { pageSize: 2, maxPages: 2 } },
        want: { pageSizes: [2, 2], offsets: ['0', '2'], limit: '2' },
      },
    ],
    [
      'an empty first page is the only page',
      { given: { replies: [page(0, 0), page(0, 2)], options: { pageSize: 2 } }, want: { pageSizes: [0], offsets: ['0'], limit: '2' } },
    ],
    [
      'startOffset is where the walk begins',
      {
        given: { replies: [page(10, 3), page(13, 1)], options: { pageSize: 3, startOffset: 10 } },
        want: { pageSizes: [3, 1], offsets: ['10', '13'], limit: '3' },
      },
    ],
    ['the default page size is 100', { given: { replies: [page(0, 7)], options: {} }, want: { pageSizes: [7], offsets: ['0'], limit: '100' } }],
  ])('%s', async (_name, { given, want }) => {
    server.reply(...given.replies);
    const client = huaweiClient(server, { retry: false });
    const sizes: (number | 'error')[] = [];
    for await (const result of client.pages.listBackupShareDetails({ query: { share_to_me: true, status: 'available' } }, given.options)) {
      sizes.push(result.error ? 'error' : result.data.shared.length);
    }
    expect(sizes).toEqual(want.pageSizes);
    expect(server.received.map((r) => r.url.searchParams.get('offset'))).toEqual(want.offsets);
    for (const request of server.received) {
      expect(request.url.pathname).toMatch(/\/os-vendor-backup-sharing\/detail$/);
      expect(request.url.searchParams.get('limit')).toBe(want.limit);
      expect(request.url.searchParams.get('share_to_me')).toBe('true');
      expect(request.url.searchParams.get('status')).toBe('available');
    }
  });

  it('the error result on page 2 is a CloudApiError with the response', async () => {
    server.reply(page(0, 2), notFound);
    const results = [];
    for await (const result of huaweiClient(server).pages.listBackupShareDetails({}, { pageSize: 2 })) results.push(result);
    expect(results).toHaveLength(2);
    expect(results[1]!.error).toMatchObject({ kind: 'service', status: 404, code: 'VolumeBackup.0008', operationId: 'listBackupShareDetails' });
    expect(results[1]!.response?.status).toBe(404);
  });

  it('the items are counted from `shared`, whatever the key order of the body (shared_links first)', async () => {
    const linksFirst = (first: number): Reply => ({
      status: 200,
      body: { shared_links: [nextLink(`m${first}`)], shared: [shareItem(first), shareItem(first + 1)] },
    });
    server.reply(linksFirst(0), linksFirst(2), page(4, 1));
    const sizes: number[] = [];
    for await (const result of huaweiClient(server).pages.listBackupShareDetails({}, { pageSize: 2 })) sizes.push(result.data?.shared.length ?? -1);
    expect(sizes).toEqual([2, 2, 1]);
    expect(server.received.map((r) => r.url.searchParams.get('marker'))).toEqual([null, 'm0', 'm2']);
  });

  it('yields the items in order across pages', async () => {
    server.reply(page(0, 2), page(2, 2), page(4, 1));
    const ids: string[] = [];
    for await (const { data } of huaweiClient(server).pages.listBackupShareDetails({}, { pageSize: 2 })) ids.push(...(data?.shared.map((s) => s.id) ?? []));
    expect(ids).toEqual([0, 1, 2, 3, 4].map((n) => shareItem(n).id));
  });

  it('a retryable failure on a page is retried before the walk goes on', async () => {
    server.reply(page(0, 2), { status: 503, body: '' }, page(2, 1));
    const sizes: number[] = [];
    for await (const result of huaweiClient(server).pages.listBackupShareDetails({}, { pageSize: 2 })) sizes.push(result.data?.shared.length ?? -1);
    expect(sizes).toEqual([2, 1]);
    expect(server.received.map((r) => r.url.searchParams.get('offset'))).toEqual(['0', '2', '2']);
  });

  it('breaking out of the loop sends no further request', async () => {
    server.reply(page(0, 2), page(2, 2));
    for await (const result of huaweiClient(server).pages.listBackupShareDetails({}, { pageSize: 2 })) {
      expect(result.error).toBeUndefined();
      break;
    }
    expect(server.received).toHaveLength(1);
  });

  it.each<[string, { given: PageOptions; want: { field: string } }]>([
    ['pageSize: 0 throws ClientInputError', { given: { pageSize: 0 }, want: { field: 'pageSize' } }],
    ['maxPages: 0 throws ClientInputError', { given: { maxPages: 0 }, want: { field: 'maxPages' } }],
    ['startOffset: 1.5 throws ClientInputError', { given: { startOffset: 1.5 }, want: { field: 'startOffset' } }],
  ])('%s, before any request', async (_name, { given, want }) => {
    const pages = huaweiClient(server).pages.listBackupShareDetails({}, given);
    const failure = await pages.next().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(ClientInputError);
    expect(failure).toMatchObject({ field: want.field });
    expect(server.received).toHaveLength(0);
  });

  it('limit and offset are the iterator’s: an untyped limit/offset in the query is overridden', async () => {
    server.reply(page(0, 1));
    const input = { query: { limit: 5, offset: 40 } } as never;
    for await (const result of huaweiClient(server).pages.listBackupShareDetails(input, { pageSize: 2 })) expect(result.error).toBeUndefined();
    expect(server.received.map((r) => [r.url.searchParams.get('limit'), r.url.searchParams.get('offset')])).toEqual([['2', '0']]);
  });

  it.each<[string, { given: { replies: Reply[]; options?: PageOptions }; want: { pageSizes: number[]; markers: (string | null)[] } }]>([
    [
      'a server that answers every offset with the same page gets two requests, not maxPages, and the repeat is not yielded',
      { given: { replies: Array.from({ length: 10 }, () => page(0, 2)), options: { pageSize: 2 } }, want: { pageSizes: [2], markers: [null, null] } },
    ],
    [
      'a next link is followed: the next request carries its marker',
      { given: { replies: [linked(0, 2, 'm1'), linked(2, 2, 'm2'), page(4, 1)] }, want: { pageSizes: [2, 2, 1], markers: [null, 'm1', 'm2'] } },
    ],
    [
      'the same next link again ends the walk',
      { given: { replies: [linked(0, 2, 'm1'), linked(2, 2, 'm1'), page(4, 2)] }, want: { pageSizes: [2, 2], markers: [null, 'm1'] } },
    ],
    [
      'a link back to a page already followed ends the walk',
      {
        given: { replies: [linked(0, 2, 'm1'), linked(2, 2, 'm2'), linked(4, 2, 'm1'), page(6, 2)] },
        want: { pageSizes: [2, 2, 2], markers: [null, 'm1', 'm2'] },
      },
    ],
    [
      'a page with the items of the one before ends the walk unyielded, link or not',
      { given: { replies: [linked(0, 2, 'm1'), linked(0, 2, 'm2'), page(4, 2)] }, want: { pageSizes: [2], markers: [null, 'm1'] } },
    ],
    [
      'an empty page ends the walk even with a next link',
      { given: { replies: [linked(0, 2, 'm1'), linked(2, 0, 'm2'), page(4, 2)] }, want: { pageSizes: [2, 0], markers: [null, 'm1'] } },
    ],
    [
      'a short page with a next link follows it (the service may cap the page size)',
      { given: { replies: [linked(0, 1, 'm1'), page(1, 1)], options: { pageSize: 2 } }, want: { pageSizes: [1, 1], markers: [null, 'm1'] } },
    ],
    [
      'after links, a full page without one is the last',
      { given: { replies: [linked(0, 2, 'm1'), page(2, 2), page(4, 2)] }, want: { pageSizes: [2, 2], markers: [null, 'm1'] } },
    ],
    [
      'maxPages is 100 by default',
      {
        given: { replies: Array.from({ length: 101 }, (_, i) => page(i, 1)), options: { pageSize: 1 } },
        want: { pageSizes: Array(100).fill(1), markers: Array(100).fill(null) },
      },
    ],
  ])('%s', async (_name, { given, want }) => {
    server.reply(...given.replies);
    const sizes: number[] = [];
    for await (const result of huaweiClient(server, { retry: false }).pages.listBackupShareDetails({}, given.options ?? { pageSize: 2 })) {
      sizes.push(result.data?.shared.length ?? -1);
    }
    expect(sizes).toEqual(want.pageSizes);
    expect(server.received.map((r) => r.url.searchParams.get('marker'))).toEqual(want.markers);
  });

  it('a followed link sends its own query with the caller’s filters, on the configured endpoint, without offset', async () => {
    server.reply(linked(0, 2, 'm1'), page(2, 1));
    for await (const result of huaweiClient(server).pages.listBackupShareDetails({ query: { share_to_me: true, status: 'available' } }, { pageSize: 2 })) {
      expect(result.error).toBeUndefined();
    }
    const second = server.received[1]!;
    expect(second.url.pathname).toBe(listingPath);
    expect(Object.fromEntries(second.url.searchParams)).toEqual({ limit: '2', marker: 'm1', share_to_me: 'true', status: 'available' });
  });

  it('a link to another origin is followed on the configured endpoint only: nothing reaches that origin', async () => {
    const elsewhere = await startScriptedServer();
    try {
      elsewhere.reply(page(100, 2));
      server.reply(linked(0, 2, 'm1', nextLink('m1', { origin: elsewhere.baseUrl })), page(2, 1));
      const sizes: number[] = [];
      for await (const result of huaweiClient(server).pages.listBackupShareDetails({}, { pageSize: 2 })) sizes.push(result.data?.shared.length ?? -1);
      expect(sizes).toEqual([2, 1]);
      expect(elsewhere.received).toHaveLength(0);
      expect(server.received.map((r) => r.url.searchParams.get('marker'))).toEqual([null, 'm1']);
      // the credentials went where the caller configured, and only there
      expect(server.received[1]!.headers.authorization).toMatch(/^SDK-HMAC-SHA256 /);
    } finally {
      await elsewhere.close();
    }
  });

  it.each<[string, { given: { href: string }; want: { says: RegExp } }]>([
    [
      'a link to another operation',
      {
        given: { href: `https://vbs.cn-north-4.myhuaweicloud.com/v2/${PROJECT_ID}/os-vendor-backup-sharing/count?marker=m1` },
        want: { says: /\(\/v2\/\w+\/os-vendor-backup-sharing\/count\) is not for listBackupShareDetails/ },
      },
    ],
    ['a link with only a query (no path)', { given: { href: '?limit=2&marker=m1' }, want: { says: /\(\/\) is not for listBackupShareDetails/ } }],
    ['an unreadable link', { given: { href: 'http://[::1' }, want: { says: /\(unreadable\) is not for listBackupShareDetails/ } }],
  ])('%s ends the walk with an invalid-response error result, and is not requested', async (_name, { given, want }) => {
    server.reply(linked(0, 2, 'm1', { rel: 'next', href: given.href }), page(2, 2));
    const results = [];
    for await (const result of huaweiClient(server).pages.listBackupShareDetails({}, { pageSize: 2 })) results.push(result);
    expect(results).toHaveLength(2);
    expect(results[0]!.data?.shared).toHaveLength(2);
    expect(results[1]!.error).toMatchObject({ vendor: 'huawei', kind: 'invalid-response', status: 200, operationId: 'listBackupShareDetails' });
    expect(results[1]!.error?.message).toMatch(want.says);
    expect(server.received).toHaveLength(1);
  });
});
