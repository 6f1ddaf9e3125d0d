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

/** Only these methods may be sent twice; a POST is never retried. */
export function isIdempotent(method: string): boolean {
  return /^(GET|HEAD|OPTIONS|PUT|DELETE)$/.test(method);
}

export function assertNonNegative(value: unknown, field: string, integer = false): void {
  if (!(Number[integer ? 'isInteger' : 'isFinite'](value) && (value as number) >= 0)) {
    throw new ClientInputError(field, `must be a non-negative ${integer ? 'integer' : 'number'}`);
  }
}

/** Merges retry options over a base policy; `false` turns retries off. */
export function resolveRetryPolicy(options: RetryOptions | false | undefined, base: RetryPolicy | false, field: string): RetryPolicy | false {
  if (options === false) return false;
  if (options === undefined) return base;
  if (typeof options !== 'object' || options === null) throw new ClientInputError(field, 'must be an object or false');
  const policy = { ...(base || defaultRetryPolicy), ...options };
  for (const key of Object.keys(defaultRetryPolicy) as (keyof RetryPolicy)[]) assertNonNegative(policy[key], `${field}.${key}`, key === 'retries');
  return policy;
}


/** `Retry-After` as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null | undefined, now = Date.now()): number | undefined {
  const value = header?.trim();
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
export function nextRetryDelay(policy: RetryPolicy, attempts: number, error: CloudApiError, retryAfter: string | null | undefined, random = Math.random): number | undefined {
  if (attempts > policy.retries || !error.retryable) return undefined;
  const asked = parseRetryAfter(retryAfter);
  if (asked !== undefined) return asked <= policy.maxRetryAfterMs ? asked : undefined;
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempts - 1));
  return Math.round(random() * ceiling);
}

/** Resolves true after `ms`, or false as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
