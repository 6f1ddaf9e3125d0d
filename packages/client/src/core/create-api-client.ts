import createClient, { type Client } from 'openapi-fetch';
import { callOperation } from './call-operation.js';
import { ClientInputError, CloudApiError } from './errors.js';
import { asResponse, defaultMaxResponseBytes, exchange } from './exchange.js';
import type { OperationMethods, PageIterators } from './method-types.js';
import type { OperationTable } from './operation-table.js';
import { defaultTimeoutMs, requireByteCount, requireTimeout, resolveRetryPolicy } from './options.js';
import { prepareRequest } from './prepare-request.js';
import { userAgentHeader } from './user-agent.js';
import { defaultRetryPolicy } from './retry-policy.js';
import type { CallInput, ClientContext, PageOptions, TransportOptions, VendorAdapter } from './types.js';

/** A client: one method per operation, page iterators, and the underlying openapi-fetch client. */
export type ApiClient<Table extends OperationTable, Ops, Paths extends {}, Failure> = OperationMethods<Table, Ops, Failure> & {
  /** `for await` page iterators over the listing operations */
  readonly pages: PageIterators<Table, Ops, Failure>;
  /** the openapi-fetch client underneath, signing included, for anything the methods do not cover */
  readonly raw: Client<Paths>;
};

/** An optional object whose listed members, when present, are functions. */
function requireMethods(value: unknown, field: string, methods: readonly string[]): void {
  if (value === undefined) return;
  if (typeof value !== 'object' || value === null) throw new ClientInputError(field, `must be an object with any of ${methods.join(', ')}`);
  for (const name of methods) {
    const member = (value as Record<string, unknown>)[name];
    if (member !== undefined && typeof member !== 'function') throw new ClientInputError(`${field}.${name}`, 'must be a function');
  }
}

/** Builds the methods from a generated table; nothing here is per operation. */
export function createApiClient<Table extends OperationTable, Ops, Paths extends {}, Failure>(
  table: Table,
  options: TransportOptions,
  adapter: VendorAdapter,
): ApiClient<Table, Ops, Paths, Failure> {
  const { timeoutMs = defaultTimeoutMs, retry, fetch = globalThis.fetch, maxResponseBytes = defaultMaxResponseBytes, logger, userAgent, hooks } = options;
  if (typeof fetch !== 'function') throw new ClientInputError('fetch', 'must be a function (no global fetch found)');
  const maxBytes = requireByteCount(maxResponseBytes, 'maxResponseBytes');
  requireMethods(logger, 'logger', ['info', 'warn', 'error']);
  requireMethods(hooks, 'hooks', ['beforeSign', 'afterResponse']);
  // `raw` shares the hooks, the signing and the exchange (no redirect followed, the body capped);
  // a refusal rejects its call with a CloudApiError, as openapi-fetch rejects on a network failure
  const info = { operationId: 'raw', attempt: 1 };
  const rawFetch = async (request: Request) => {
    const received = await exchange(fetch, await prepareRequest(adapter.auth, hooks, request, info), maxBytes);
    if (!received.response) throw new CloudApiError({ ...received.failure, vendor: adapter.vendor, operationId: 'raw' });
    await hooks?.afterResponse?.(asResponse(received), info);
    return asResponse(received);
  };
  const http = createClient<Paths>({ baseUrl: adapter.baseUrl, fetch: rawFetch, headers: userAgentHeader(userAgent) });
  const ctx: ClientContext = {
    ...adapter,
    http,
    fetch,
    timeoutMs: requireTimeout(timeoutMs),
    retry: resolveRetryPolicy(retry, defaultRetryPolicy),
    maxResponseBytes: maxBytes,
    clock: adapter.clock ?? { offsetMs: 0 },
    logger,
    hooks,
  };
  const client: Record<string, unknown> = { pages: {}, raw: http };
  for (const [operationId, spec] of Object.entries(table)) {
    client[operationId] = (input?: CallInput) => callOperation(ctx, operationId, spec, input);
    // note: a vendor with pageable operations passes its iterator in the adapter (Huawei does),
    // so a bundle without any never carries the pagination code
    if (spec.pageItems)
      (client.pages as Record<string, unknown>)[operationId] = (input?: CallInput, pageOptions?: PageOptions) =>
        adapter.iteratePages!(ctx, operationId, spec, input, pageOptions);
  }
  return client as ApiClient<Table, Ops, Paths, Failure>;
}
