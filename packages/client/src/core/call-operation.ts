import { type ClientContext, type ErrorFacts, requireTimeout } from './client-context.js';
import { ClientInputError, CloudApiError } from './errors.js';
import { exchange, RefusedResponse } from './exchange.js';
import { requireExtraHeader } from './extra-headers.js';
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

/** A header value fetch accepts: tab, printable ASCII and Latin-1 (no CR, LF, NUL or DEL). */
const headerValue = /^[\t\x20-\x7e\x80-\xff]*$/;

/**
 * One operation call: validate, send, classify, and retry idempotent failures that may pass
 * on a second try. Every attempt goes through the middleware again, so each is signed anew.
 * `linkQuery`: a next-page link's query, sent as the service wrote it (unchecked, it is the
 * service's own cursor).
 */
export async function callOperation(
  ctx: ClientContext,
  operationId: string,
  spec: OperationSpec,
  input: CallInput = {},
  linkQuery?: Record<string, string>,
): Promise<Result> {
  assertMatchesSchema(input, { type: 'object' }, 'input');
  const { signal, timeoutMs = ctx.timeoutMs, retry, path = {}, query = {}, headers = {}, ...rest } = input;
  assertMatchesSchema(headers, { type: 'object' }, 'headers');
  // a header the contract declares is checked against it; any other is the caller's extra one
  const declared = (spec.input as { properties?: { headers?: { properties?: object } } }).properties?.headers?.properties ?? {};
  const contractHeaders: Record<string, unknown> = {};
  for (const name in headers) {
    const value = headers[name];
    if (!Object.hasOwn(declared, name)) requireExtraHeader(name, value);
    // note: fetch refuses these and quotes the value in its error; here the message leaves it out
    else if (typeof value === 'string' && !headerValue.test(value))
      throw new ClientInputError(`headers.${name}`, 'must only hold printable Latin-1 characters');
    else contractHeaders[name] = value;
  }
  assertMatchesSchema({ path, query, headers: contractHeaders, ...rest }, spec.input, '');
  for (const name in path) {
    // note: URL parsing drops `.` and `..` segments, which would send the call elsewhere
    if (path[name] === '.' || path[name] === '..') throw new ClientInputError(`path.${name}`, 'must not be "." or ".."');
  }
  const attemptMs = requireTimeout(timeoutMs);
  const requested = resolveRetryPolicy(retry, ctx.retry);
  // only these methods may be sent twice; a POST is never retried
  // Stryker disable next-line Regex: spec.method is an HTTP method name in capitals, and none begins or ends with another
  const policy = /^(GET|HEAD|OPTIONS|PUT|DELETE)$/.test(spec.method) && requested;
  const auto = ctx.autoParams(spec);
  const params = { path: { ...path, ...auto.path }, query: { ...query, ...linkQuery, ...auto.query }, header: { ...headers, ...auto.header } };
  let attempts = 0;
  const fail = (facts: ErrorFacts, response?: Response): Result => ({
    error: new CloudApiError({ ...facts, vendor: ctx.vendor, operationId, attempts }),
    response,
  });

  const attempt = async (): Promise<Result> => {
    attempts++;
    // a plain timer, cleared once the exchange ends: AbortSignal.timeout keeps each timer alive
    // for the whole timeout and costs about three times as much to set up
    const timer = new AbortController();
    const timeout = timer.signal;
    const clock = setTimeout(() => timer.abort(), attemptMs);
    let rejected = false;
    // note: the signal goes to fetch, not to the Request openapi-fetch builds: a Request that
    // follows a signal costs listeners that fetch, which builds its own Request, sets up again
    const attemptSignal = signal ? AbortSignal.any([signal, timeout]) : timeout;
    // only a failure of the exchange (connect, headers or body) is a transport failure;
    // anything else thrown is a bug
    const watchedFetch = (request: Request) =>
      exchange(ctx.fetch, request, ctx.maxResponseBytes, attemptSignal).catch((cause: unknown) => {
        rejected = true;
        throw cause;
      });
    let outcome: { data?: unknown; error?: unknown; response: Response };
    try {
      const options = { params, body: rest.body, parseAs: 'text' as const, fetch: watchedFetch };
      outcome = await ctx.http.request(spec.method.toLowerCase() as 'get', spec.path, options);
    } catch (cause) {
      if (!rejected) throw cause;
      if (cause instanceof RefusedResponse) return fail(cause.facts);
      if (signal?.aborted) return fail({ kind: 'aborted', message: 'the call was aborted by the caller', cause: signal.reason });
      if (timeout.aborted) return fail({ kind: 'timeout', message: `no complete response within ${timeoutMs} ms` });
      // Stryker disable next-line OptionalChaining: openapi-fetch turns a rejection with nothing into its own TypeError
      return fail({ kind: 'network', message: `the exchange with the service failed: ${(cause as Error)?.message ?? cause}`, cause });
    } finally {
      clearTimeout(clock);
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
    if (unsuccessful) return fail(unsuccessful, response);
    const shape = spec.returns?.[status];
    if (shape) {
      if (data === undefined)
        return fail({ kind: 'invalid-response', status, message: `the ${status} response has no body, though the contract promises one` }, response);
      try {
        assertMatchesSchema(data, shape, 'body');
      } catch (mismatch) {
        return fail(
          { kind: 'invalid-response', status, body: data, message: `the ${status} response does not match the contract: ${(mismatch as Error).message}` },
          response,
        );
      }
    }
    return { data, response };
  };

  for (;;) {
    const result = await attempt();
    const delay = result.error && policy && nextRetryDelay(policy, attempts, result.error, result.response?.headers.get('retry-after'));
    if (delay === undefined || delay === false) return result;
    if (!(await sleep(delay, signal)))
      // Stryker disable next-line OptionalChaining: sleep only ends early when a signal aborts, so signal is set here
      return fail({ kind: 'aborted', message: 'the call was aborted by the caller while waiting to retry', cause: signal?.reason });
  }
}
