import { type ClientContext, type ErrorFacts, requireTimeout } from './client-context.js';
import { ClientInputError, CloudApiError } from './errors.js';
import type { OperationSpec } from './operation-table.js';
import type { ApiResult } from './result.js';
import { nextRetryDelay, resolveRetryPolicy, sleep, type RetryOptions } from './retry.js';
import { assertMatchesSchema } from './validate-input.js';

/** Per-call options every operation method accepts beside its parameters. */
export interface CallOptions {
  /** aborts the call, retries and backoff included */
  signal?: AbortSignal;
  /** per-attempt timeout for this call, overriding the client's */
  timeoutMs?: number;
  /** retry policy for this call, or false */
  retry?: RetryOptions | false;
}

export interface CallInput extends CallOptions {
  path?: Record<string, unknown>;
  query?: Record<string, unknown>;
  headers?: Record<string, unknown>;
  body?: unknown;
}

type Result = ApiResult<unknown, CloudApiError>;

/**
 * One operation call: validate, send, classify, and retry idempotent failures that may pass
 * on a second try. Every attempt goes through the middleware again, so each is signed anew.
 */
export async function callOperation(ctx: ClientContext, operationId: string, spec: OperationSpec, input: CallInput = {}): Promise<Result> {
  assertMatchesSchema(input, { type: 'object' }, 'input');
  const { signal, timeoutMs = ctx.timeoutMs, retry, path = {}, query = {}, headers = {}, ...rest } = input;
  assertMatchesSchema({ path, query, headers, ...rest }, spec.input, '');
  for (const name in path) {
    // note: URL parsing drops `.` and `..` segments, which would send the call elsewhere
    if (path[name] === '.' || path[name] === '..') throw new ClientInputError(`path.${name}`, 'must not be "." or ".."');
  }
  requireTimeout(timeoutMs);
  const requested = resolveRetryPolicy(retry, ctx.retry);
  // only these methods may be sent twice; a POST is never retried
  const policy = /^(GET|HEAD|OPTIONS|PUT|DELETE)$/.test(spec.method) && requested;
  const auto = ctx.autoParams(spec);
  const params = { path: { ...path, ...auto.path }, query: { ...query, ...auto.query }, header: { ...headers, ...auto.header } };
  let attempts = 0;
  const fail = (facts: ErrorFacts, response?: Response): Result => ({
    error: new CloudApiError({ ...facts, vendor: ctx.vendor, operationId, attempts }),
    response,
  });

  const attempt = async (): Promise<Result> => {
    attempts++;
    const timeout = AbortSignal.timeout(timeoutMs);
    let rejected = false;
    // only a rejection of fetch itself is a network failure; anything else thrown is a bug
    const fetch = ctx.fetch;
    const watchedFetch = (request: Request) =>
      fetch(request).catch((cause: unknown) => {
        rejected = true;
        throw cause;
      });
    let outcome: { data?: unknown; error?: unknown; response: Response };
    try {
      const options = { params, body: rest.body, parseAs: 'text' as const, signal: signal ? AbortSignal.any([signal, timeout]) : timeout, fetch: watchedFetch };
      outcome = await ctx.http.request(spec.method.toLowerCase() as 'get', spec.path, options);
    } catch (cause) {
      if (!rejected) throw cause;
      if (signal?.aborted) return fail({ kind: 'aborted', message: 'the call was aborted by the caller', cause: signal.reason });
      if (timeout.aborted) return fail({ kind: 'timeout', message: `no response within ${timeoutMs} ms` });
      return fail({ kind: 'network', message: `the request did not reach the service: ${(cause as Error)?.message ?? cause}`, cause });
    }
    const { data: text, error: body, response } = outcome;
    const { status, headers: responseHeaders } = response;
    // openapi-fetch has parsed an error body when it is JSON
    if (!response.ok) return fail(ctx.errorFromResponse(status, body === '' ? undefined : body, responseHeaders), response);
    let data: unknown;
    try {
      data = text ? JSON.parse(text as string) : undefined;
    } catch {
      return fail({ kind: 'invalid-response', status, message: `the ${status} response body is not JSON` }, response);
    }
    const unsuccessful = ctx.errorFromSuccessBody?.(data, responseHeaders);
    return unsuccessful ? fail(unsuccessful, response) : { data, response };
  };

  for (;;) {
    const result = await attempt();
    const delay = result.error && policy && nextRetryDelay(policy, attempts, result.error, result.response?.headers.get('retry-after'));
    if (delay === undefined || delay === false) return result;
    if (!(await sleep(delay, signal)))
      return fail({ kind: 'aborted', message: 'the call was aborted by the caller while waiting to retry', cause: signal?.reason });
  }
}
