// Options are checked like input: a key the client does not read is a ClientInputError naming it,
// with the closest known name, instead of a setting silently ignored.
import { ClientInputError } from './errors.js';
import type { RetryOptions } from './retry-policy.js';
import type { CallInput, PageOptions, TransportOptions } from './types.js';

/** Every key of `T`, each listed once; with `satisfies`, an option added to `T` but not listed fails to compile. */
export type OptionNames<T> = Record<keyof Required<T>, true>;

export const transportOptionNames = {
  timeoutMs: true,
  retry: true,
  fetch: true,
  maxResponseBytes: true,
  logger: true,
  userAgent: true,
  hooks: true,
  clockOffsetMs: true,
} as const satisfies OptionNames<TransportOptions>;

export const callInputNames = {
  signal: true,
  timeoutMs: true,
  retry: true,
  path: true,
  query: true,
  headers: true,
  body: true,
} as const satisfies OptionNames<CallInput>;

export const retryOptionNames = { retries: true, baseDelayMs: true, maxDelayMs: true, maxRetryAfterMs: true } as const satisfies OptionNames<RetryOptions>;

export const pageOptionNames = { pageSize: true, startOffset: true, maxPages: true } as const satisfies OptionNames<PageOptions>;

/** Throws for the first key of `value` that `known` does not list; `prefix` places it, e.g. `retry.`. */
export function requireKnownNames(value: object, known: object, prefix = '', problem = 'is not a known option'): void {
  for (const name of Object.keys(value)) {
    if (Object.hasOwn(known, name)) continue;
    const closest = closestName(name, Object.keys(known));
    throw new ClientInputError(`${prefix}${name}`, `${problem}${closest ? `; did you mean ${prefix}${closest}?` : ''}`);
  }
}

/** The known name a typo most likely meant: the same letters in another case, else the nearest within half its length in edits. */
export function closestName(name: string, known: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(name.length / 2));
  for (const candidate of known) {
    const distance = candidate.toLowerCase() === lower ? 0 : editDistance(lower, candidate.toLowerCase());
    if (distance <= bestDistance) [best, bestDistance] = [candidate, distance - 1];
  }
  return best;
}

// Levenshtein distance, one row at a time
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = row;
  }
  return previous[b.length]!;
}
