import { callOperation } from './call-operation.js';
import { ClientInputError, CloudApiError } from './errors.js';
import { pageOptionNames, requireKnownNames } from './known-options.js';
import type { PageWalker } from './types.js';

/** The `href` of a page's `rel: next` link, in the body property the contract declares for links, if any. */
function nextHref(data: Record<string, unknown> | undefined, field: string | undefined): unknown {
  const links = field && data?.[field];
  return Array.isArray(links) ? links.find((link) => link?.rel === 'next')?.href : undefined;
}

/**
 * Walks a listing page by page and yields each page's result; after an error it yields that
 * error and stops. The next page is the one the page's `next` link names, else the next offset.
 * Only the link's query is used, on the configured endpoint: its origin is never contacted, and
 * an unreadable link or one to another operation ends the walk with an `invalid-response` error.
 * Stops on an empty page, a repeated page (the previous page's items, not yielded again, or a
 * link already followed), a short page without a link, or after `maxPages`.
 */
export const iteratePages: PageWalker = async function* (ctx, operationId, spec, input = {}, options = {}) {
  requireKnownNames(options, pageOptionNames);
  const { pageSize = 100, maxPages = 100, startOffset = 0 } = options;
  for (const [field, value, minimum] of [
    ['pageSize', pageSize, 1],
    ['maxPages', maxPages, 1],
    ['startOffset', startOffset, 0],
  ] as const) {
    if (!Number.isInteger(value) || value < minimum) throw new ClientInputError(field, `must be an integer >= ${minimum}`);
  }
  // the link's query replaces limit/offset (it carries the service's own cursor, e.g. `marker`)
  const { limit: _limit, offset: _offset, ...filters } = input.query ?? {};
  const operationPath = new RegExp(`${spec.path.replace(/\{[^}]+\}/g, '[^/]+')}$`);
  const followed = new Set<string>();
  let linked: Record<string, string> | undefined;
  let previous: string | undefined;
  for (let page = 0, offset = startOffset; page < maxPages; page++) {
    const query = linked ? filters : { ...filters, limit: pageSize, offset };
    const result = await callOperation(ctx, operationId, spec, { ...input, query }, linked);
    const data = result.data as Record<string, unknown> | undefined;
    const items = data?.[spec.pageItems!];
    const count = Array.isArray(items) ? items.length : 0;
    const seen = previous;
    previous = JSON.stringify(items);
    // the page before again: the service is not advancing, and the caller has these items
    if (count && previous === seen) return;
    yield result;
    if (!count) return;
    const href = nextHref(data, spec.pageLinks);
    if (typeof href !== 'string') {
      // after links, a page without one is the last; offsets would start over
      if (linked || count < pageSize) return;
      offset += count;
      continue;
    }
    const next = URL.canParse(href, 'http://link.invalid') ? new URL(href, 'http://link.invalid') : undefined;
    if (!next || !operationPath.test(next.pathname)) {
      const message = `the next-page link (${next?.pathname ?? 'unreadable'}) is not for ${operationId}; the walk stops`;
      const { response } = result;
      const error = new CloudApiError({
        vendor: ctx.vendor,
        kind: 'invalid-response',
        operationId,
        status: response!.status,
        message,
        requestId: result.requestId,
      });
      yield { error, response, requestId: error.requestId };
      return;
    }
    if (followed.has(next.search)) return;
    followed.add(next.search);
    linked = Object.fromEntries(next.searchParams);
  }
};
