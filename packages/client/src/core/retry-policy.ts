// The one place that decides whether a failed attempt is sent again and when; the call loop only
// asks shouldRetry and delayFor, and CloudApiError.retryable reads isRetryable.

export interface RetryOptions {
  /** retries after the first attempt; default 2 */
  retries?: number;
  /** first backoff ceiling; doubles per retry, with full jitter; default 200 ms */
  baseDelayMs?: number;
  /** largest backoff ceiling; default 5 s */
  maxDelayMs?: number;
  /** a longer `Retry-After` than this ends the retries instead of waiting; default 30 s */
  maxRetryAfterMs?: number;
}

export type RetryPolicy = Required<RetryOptions>;

export const defaultRetryPolicy: RetryPolicy = { retries: 2, baseDelayMs: 200, maxDelayMs: 5_000, maxRetryAfterMs: 30_000 };

/** What the policy reads from a failure: its kind and, when a response arrived, its status and the vendor's code. */
export type FailureFacts = { readonly kind: string; readonly status?: number | undefined; readonly code?: string | undefined };

/** One attempt that ended in a failure. */
export interface FailedAttempt {
  /** the operation's HTTP method, in capitals */
  readonly method: string;
  readonly failure: FailureFacts;
  /** attempts made so far, this one included */
  readonly attempts: number;
  /** the response's `Retry-After` header, when a response arrived */
  readonly retryAfter?: string | null | undefined;
  /** the response's `x-acs-retry-after` header (Alibaba's throttling wait, in milliseconds), when a response arrived */
  readonly acsRetryAfter?: string | null | undefined;
  /** for a refusal the vendor may give for the signing time: the server's clock (its `Date`) minus the client's */
  readonly clockOffsetMs?: number | undefined;
  /** whether this call has corrected the clock already */
  readonly clockCorrected?: boolean | undefined;
}

/** Retry options that send nothing twice, for `retry: false` (a refused signing time is still corrected). */
export const noRetryPolicy: RetryPolicy = { ...defaultRetryPolicy, retries: 0 };

/** A server clock this far from the client's makes a refusal of the signing time a clock skew (the services allow 15 minutes). */
export const minClockSkewMs = 60_000;

/**
 * Whether a failure is a refusal of the signing time by a server whose clock is off from the
 * client's: it is corrected and sent once more at once, whatever the method, as the service did
 * not act on it.
 */
export function isClockSkew({ clockOffsetMs }: FailedAttempt): boolean {
  return clockOffsetMs !== undefined && Math.abs(clockOffsetMs) >= minClockSkewMs;
}

// only these methods may be sent twice; a POST (or PATCH) is never retried
const idempotentMethods = ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'];
const retryableStatuses = [429, 502, 503, 504];

// note: throttling is told by the code, whatever the status: Alibaba's `Throttling`, `Throttling.User`,
// `Throttling.Api`... (400, 429 or 503 depending on the gateway), and Huawei APIG's `APIG.0308`
/** Whether a vendor error code says the caller was throttled. */
export function isThrottlingCode(code: string | undefined): boolean {
  return code !== undefined && (/^Throttling(\.|$)/.test(code) || code === 'APIG.0308');
}

/** Whether sending the same request again may succeed: a network failure, a timeout, 429, 502, 503, 504, or a throttling code (never a `credentials` failure: the provider is asked again on the next call). */
export function isRetryable({ kind, status, code }: FailureFacts): boolean {
  return kind === 'network' || kind === 'timeout' || (status !== undefined && retryableStatuses.includes(status)) || isThrottlingCode(code);
}

/** Whether to send the request again: an idempotent method, a retryable failure, retries left, and no `Retry-After` beyond the policy's limit. */
export function shouldRetry(policy: RetryPolicy, attempt: FailedAttempt): boolean {
  if (isClockSkew(attempt)) return !attempt.clockCorrected;
  if (!idempotentMethods.includes(attempt.method) || attempt.attempts > policy.retries || !isRetryable(attempt.failure)) return false;
  const asked = serverWaitMs(attempt);
  return asked === undefined || asked <= policy.maxRetryAfterMs;
}

/** How long to wait before the next attempt: the server's wait hint, else a full-jitter exponential backoff. */
export function delayFor(policy: RetryPolicy, attempt: FailedAttempt, random = Math.random): number {
  if (isClockSkew(attempt)) return 0;
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt.attempts - 1));
  return serverWaitMs(attempt) ?? Math.round(random() * ceiling);
}

/** The wait the server asked for, in ms: `Retry-After`, else `x-acs-retry-after`; undefined when it asked none. */
export function serverWaitMs({ retryAfter, acsRetryAfter }: Pick<FailedAttempt, 'retryAfter' | 'acsRetryAfter'>): number | undefined {
  return parseRetryAfter(retryAfter) ?? parseAcsRetryAfter(acsRetryAfter);
}

/** `x-acs-retry-after` as the Alibaba runtime reads it (`getThrottlingTimeLeft`): a positive whole number of milliseconds, else none. */
export function parseAcsRetryAfter(header: string | null | undefined): number | undefined {
  const value = header?.trim();
  return value && /^\d+$/.test(value) && Number(value) > 0 ? Number(value) : undefined;
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null | undefined, now = Date.now()): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // every HTTP-date form starts with a day name; Date.parse alone would read "1.5" as a date
  const at = /^[A-Z][a-z]{2}/.test(value) ? Date.parse(value) : Number.NaN;
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
