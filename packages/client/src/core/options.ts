// Checks of the options a client factory and a call take; each refusal names the option.
import { ClientInputError } from './errors.js';
import type { SigningClock } from '../signing/clock.js';
import { requireKnownNames, retryOptionNames } from './known-options.js';
import { defaultRetryPolicy, type RetryOptions, type RetryPolicy } from './retry-policy.js';

export const defaultTimeoutMs = 30_000;

/** The longest delay setTimeout keeps (2^31 - 1 ms); a longer one fires at once. */
export const maxTimerMs = 2_147_483_647;

/** Checks that the factory options are an object. */
export function requireOptions<T>(options: T): T {
  return requireObject(options, 'options') as T;
}

/** An object that is neither null nor a list. */
export function requireObject(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ClientInputError(field, 'must be an object');
  return value as Record<string, unknown>;
}

/** A positive timeout, clamped to what a timer can hold (about 24.8 days); longer ones would fire at once. */
export function requireTimeout(value: unknown): number {
  if (!(Number.isFinite(value) && (value as number) > 0)) throw new ClientInputError('timeoutMs', 'must be a positive number of milliseconds');
  return Math.min(value as number, maxTimerMs);
}

export function requireByteCount(value: unknown, field: string): number {
  if (!(Number.isSafeInteger(value) && (value as number) > 0)) throw new ClientInputError(field, 'must be a positive whole number of bytes');
  return value as number;
}

// note: URL parsing drops `.` and `..` segments, which would send the call to another path
export function requirePathSegment<T>(value: T, field: string): T {
  if (value === '.' || value === '..') throw new ClientInputError(field, 'must not be "." or ".."');
  return value;
}

// note: a region is a host label, so anything else would build a wrong host silently
export function requireRegion(value: unknown, field: string): string {
  if (typeof value !== 'string' || !/^[a-z\d]+(-[a-z\d]+)*$/.test(value)) throw new ClientInputError(field, 'must look like a region id, e.g. cn-north-4');
  return value;
}

/** An absolute http(s) base URL without a trailing slash; surrounding whitespace is dropped, as URL parsing drops it. */
export function requireBaseUrl(value: unknown, field: string): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!/^https?:\/\/[^/]/i.test(text) || !URL.canParse(text)) throw new ClientInputError(field, 'must be an absolute http(s) URL');
  return text.replace(/\/+$/, '');
}

/** Merges retry options over a base policy; `false` turns retries off. */
export function resolveRetryPolicy(options: RetryOptions | false | undefined, base: RetryPolicy | false): RetryPolicy | false {
  if (options === undefined || options === false) return options ?? base;
  if (typeof options !== 'object' || options === null) throw new ClientInputError('retry', 'must be an object or false');
  requireKnownNames(options, retryOptionNames, 'retry.');
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

/** The signing clock a client starts with: `clockOffsetMs` (default 0) ms off the local clock. */
export function startClock(offsetMs: unknown = 0): SigningClock {
  if (!Number.isFinite(offsetMs)) throw new ClientInputError('clockOffsetMs', 'must be a finite number of milliseconds');
  return { offsetMs: offsetMs as number };
}
