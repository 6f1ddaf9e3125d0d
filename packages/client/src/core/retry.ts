import { ClientInputError, type CloudApiError } from './errors.js';

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

/** Merges retry options over a base policy; `false` turns retries off. */
export function resolveRetryPolicy(options: RetryOptions | false | undefined, base: RetryPolicy | false): RetryPolicy | false {
  if (options === undefined || options === false) return options ?? base;
  if (typeof options !== 'object' || options === null) throw new ClientInputError('retry', 'must be an object or false');
  const policy = { ...(base || defaultRetryPolicy), ...options };
  for (const key in defaultRetryPolicy) {
    const value = policy[key as keyof RetryPolicy];
    // retries counts attempts; the others are durations in ms
    const kind = key === 'retries' ? 'integer' : 'number';
    if (!(Number.isFinite(value) && value >= 0 && (kind === 'number' || Number.isInteger(value))))
      throw new ClientInputError(`retry.${key}`, `must be a non-negative ${kind}`);
  }
  return policy;
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null | undefined, now = Date.now()): number | undefined {
  const value = header?.trim();
  // Stryker disable next-line ConditionalExpression: an empty value fails both tests below and gives undefined too
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // every HTTP-date form starts with a day name; Date.parse alone would read "1.5" as a date
  const at = /^[A-Z][a-z]{2}/.test(value) ? Date.parse(value) : NaN;
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * How long to wait before the next attempt, or undefined to stop: after `attempts` tries
 * that ended in `error`, honouring the server's `Retry-After` when it sent one.
 */
export function nextRetryDelay(
  policy: RetryPolicy,
  attempts: number,
  error: CloudApiError,
  retryAfter: string | null | undefined,
  random = Math.random,
): number | undefined {
  if (attempts > policy.retries || !error.retryable) return undefined;
  const asked = parseRetryAfter(retryAfter);
  if (asked !== undefined) return asked <= policy.maxRetryAfterMs ? asked : undefined;
  return Math.round(random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempts - 1)));
}

/** The longest delay setTimeout keeps (2^31 - 1 ms); a longer one fires at once. */
export const maxTimerMs = 2_147_483_647;

/** Resolves true after `ms` (at most {@link maxTimerMs}), or false as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (slept: boolean) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve(slept);
    };
    const onAbort = () => done(false);
    const timer = setTimeout(done, Math.min(ms, maxTimerMs), true);
    signal?.addEventListener('abort', onAbort);
    if (signal?.aborted) onAbort();
  });
}
