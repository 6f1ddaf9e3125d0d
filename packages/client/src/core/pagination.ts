import { callOperation, type CallInput } from './call-operation.js';
import type { ClientContext } from './client-context.js';
import { ClientInputError, type CloudApiError } from './errors.js';
import type { OperationSpec } from './operation-table.js';
import type { ApiResult } from './result.js';

export interface PageOptions {
  /** items per request (`limit`); default 100 */
  pageSize?: number;
  /** `offset` of the first page; default 0 */
  startOffset?: number;
  /** stop after this many pages even if more remain; default 1000 */
  maxPages?: number;
}

/**
 * Walks an offset/limit listing page by page. Yields each page's result; after an error it
 * yields that error and stops. Ends on a short page or when `maxPages` is reached.
 */
export async function* iteratePages(
  ctx: ClientContext,
  operationId: string,
  spec: OperationSpec,
  input: CallInput = {},
  options: PageOptions = {},
): AsyncGenerator<ApiResult<unknown, CloudApiError>, void, undefined> {
  const { pageSize = 100, maxPages = 1000, startOffset = 0 } = options;
  for (const [field, value, minimum] of [
    ['pageSize', pageSize, 1],
    ['maxPages', maxPages, 1],
    ['startOffset', startOffset, 0],
  ] as const) {
    if (!Number.isInteger(value) || value < minimum) throw new ClientInputError(field, `must be an integer >= ${minimum}`);
  }
  for (let page = 0, offset = startOffset; page < maxPages; page++) {
    const result = await callOperation(ctx, operationId, spec, { ...input, query: { ...input.query, limit: pageSize, offset } });
    yield result;
    const items = (result.data as Record<string, unknown> | undefined)?.[spec.pageItems!];
    const count = Array.isArray(items) ? items.length : 0;
    if (count < pageSize) return;
    offset += count;
  }
}
