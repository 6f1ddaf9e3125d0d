import { type ClientContext, type ErrorFacts, FetchRejection } from './client-context.js';
import { ClientInputError, CloudApiError } from './errors.js';
import type { OperationSpec, ParameterLocation } from './operation-table.js';
import type { ApiResult } from './result.js';
import { isIdempotent, nextRetryDelay, resolveRetryPolicy, sleep, type RetryOptions } from './retry.js';
import { assertMatchesSchema, assertMissing } from './validate-input.js';

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

type Params = Record<'path' | 'query' | 'header', Record<string, unknown>>;
const inputKeyOf: Record<ParameterLocation, 'path' | 'query' | 'headers'> = { path: 'path', query: 'query', header: 'headers' };

/** Validates caller input against the operation's contract and merges in the auto-filled values. */
function prepareParams(ctx: ClientContext, operationId: string, spec: OperationSpec, input: CallInput): Params {
  const auto = ctx.adapter.autoParams(spec);
  const isReserved = (location: ParameterLocation, name: string) => ctx.adapter.reservedParams[location]?.includes(name);
  const params: Params = { path: {}, query: {}, header: {} };
  for (const location of ['path', 'query', 'header'] as const) {
    const key = inputKeyOf[location];
    const given = input[key] ?? {};
    assertMatchesSchema(given, { type: 'object' }, key);
    for (const name in given) {
      if (isReserved(location, name)) throw new ClientInputError(`${key}.${name}`, 'is filled in by the client');
      if (!spec.parameters.some((p) => p.in === location && p.name === name)) throw new ClientInputError(`${key}.${name}`, `is not a ${location} parameter of ${operationId}`);
    }
  }
  for (const parameter of spec.parameters) {
    const field = `${inputKeyOf[parameter.in]}.${parameter.name}`;
    const reserved = isReserved(parameter.in, parameter.name);
    const value = reserved ? auto[parameter.in]?.[parameter.name] : input[inputKeyOf[parameter.in]]?.[parameter.name];
    if (value !== undefined) {
      assertMatchesSchema(value, parameter.schema, field);
      // note: URL parsing drops `.` and `..` segments, which would send the call elsewhere
      if (parameter.in === 'path' && (value === '.' || value === '..')) throw new ClientInputError(field, 'must not be "." or ".."');
      params[parameter.in][parameter.name] = value;
    } else if (parameter.required && !reserved) assertMissing(field);
  }
  if (spec.body) {
    if (input.body === undefined) {
      if (spec.body.required) assertMissing('body');
    } else assertMatchesSchema(input.body, spec.body.schema, 'body');
  } else if (input.body !== undefined) throw new ClientInputError('body', `is not accepted by ${operationId}`);
  return params;
}

const notJson = Symbol('not JSON');

/** The parsed body, undefined for an empty one, or `notJson`. */
function parseJson(text: unknown): unknown {
  try {
    return typeof text === 'string' && text !== '' ? JSON.parse(text) : text || undefined;
  } catch {
    return notJson;
  }
}

type Attempt = { result: ApiResult<unknown, CloudApiError>; retryAfter: string | null };

async function attemptOnce(ctx: ClientContext, operationId: string, spec: OperationSpec, params: Params, input: CallInput, timeoutMs: number, attempts: number): Promise<Attempt> {
  const fail = (facts: ErrorFacts, response?: Response): Attempt => ({
    result: { error: new CloudApiError({ ...facts, vendor: ctx.adapter.vendor, operationId, attempts }), response },
    retryAfter: response?.headers.get('retry-after') ?? null,
  });
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = input.signal ? AbortSignal.any([input.signal, timeout]) : timeout;
  let outcome: { data?: unknown; error?: unknown; response: Response };
  try {
    outcome = await ctx.http.request(spec.method.toLowerCase() as 'get', spec.path, { params, body: input.body, parseAs: 'text', signal });
  } catch (thrown) {
    // anything but a fetch rejection is a bug in middleware, not a network failure
    if (!(thrown instanceof FetchRejection)) throw thrown;
    const { cause } = thrown;
    if (input.signal?.aborted) return fail({ kind: 'aborted', message: 'the call was aborted by the caller', cause: input.signal.reason });
    if (timeout.aborted) return fail({ kind: 'timeout', message: `no response within ${timeoutMs} ms` });
    return fail({ kind: 'network', message: `the request did not reach the service: ${cause instanceof Error ? cause.message : String(cause)}`, cause });
  }
  const { response } = outcome;
  const { status, headers } = response;
  if (!response.ok) {
    const body = parseJson(outcome.error);
    return fail(ctx.adapter.errorFromResponse(status, body === notJson ? outcome.error : body, headers), response);
  }
  const data = parseJson(outcome.data);
  if (data === notJson) return fail({ kind: 'invalid-response', status, message: `the ${status} response body is not JSON` }, response);
  const unsuccessful = ctx.adapter.errorFromSuccessBody?.(data, headers);
  return unsuccessful ? fail(unsuccessful, response) : { result: { data, response }, retryAfter: null };
}

/**
 * One operation call: validate, send, classify, and retry idempotent failures that may pass
 * on a second try. Every attempt goes through the middleware again, so each is signed anew.
 */
export async function callOperation(ctx: ClientContext, operationId: string, spec: OperationSpec, input: CallInput = {}): Promise<ApiResult<unknown, CloudApiError>> {
  assertMatchesSchema(input, { type: 'object' }, 'input');
  const params = prepareParams(ctx, operationId, spec, input);
  const timeoutMs = input.timeoutMs ?? ctx.timeoutMs;
  if (!(Number.isFinite(timeoutMs) && timeoutMs > 0)) throw new ClientInputError('timeoutMs', 'must be a positive number');
  const requested = resolveRetryPolicy(input.retry, ctx.retry, 'retry');
  const policy = isIdempotent(spec.method) ? requested : false;

  for (let attempts = 1; ; attempts++) {
    const { result, retryAfter } = await attemptOnce(ctx, operationId, spec, params, input, timeoutMs, attempts);
    if (!result.error) return result;
    const { error } = result;
    const delay = policy && error.kind !== 'aborted' ? nextRetryDelay(policy, attempts, error, retryAfter) : undefined;
    if (delay === undefined) return { error, response: result.response };
    if (!(await sleep(delay, input.signal))) {
      const message = 'the call was aborted by the caller while waiting to retry';
      return { error: new CloudApiError({ vendor: ctx.adapter.vendor, operationId, kind: 'aborted', message, attempts, cause: input.signal?.reason }), response: undefined };
    }
  }
}
