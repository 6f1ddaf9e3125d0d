import type { Client, Middleware } from 'openapi-fetch';
import { ClientInputError, type CloudApiErrorInit, type Vendor } from './errors.js';
import type { OperationSpec, ParameterLocation } from './operation-table.js';
import type { iteratePages } from './pagination.js';
import { maxTimerMs, type RetryOptions, type RetryPolicy } from './retry.js';

/** The error facts a vendor reads from a response; the call fills in the rest. `Extra`: the vendor's own kinds and fields. */
export type ErrorFacts<Extra = {}> = Omit<CloudApiErrorInit, 'vendor' | 'operationId' | 'attempts'> & Extra;

/** What differs between vendors: endpoint, signing, filled-in parameters, error bodies. */
export interface VendorAdapter {
  readonly vendor: Vendor;
  readonly baseUrl: string;
  /** signs (or authorizes) every request, the raw client's included */
  readonly auth: Middleware;
  /** the values of the parameters the client fills in for an operation */
  autoParams(spec: OperationSpec): { [location in ParameterLocation]?: Readonly<Record<string, string>> };
  /** turns a non-2xx response into error facts */
  errorFromResponse(status: number, body: unknown, headers: Headers): ErrorFacts;
  /** for a vendor whose 2xx body can still mean failure: its error facts, or undefined on success */
  errorFromSuccessBody?(body: unknown, headers: Headers): ErrorFacts | undefined;
  /** the page iterator, for a vendor with pageable operations (the others' bundles leave it out) */
  readonly iteratePages?: typeof iteratePages;
}

/** Options every client factory takes besides its cloud's endpoint and credentials. */
export interface TransportOptions {
  /** per-attempt timeout in ms; default 30 000 */
  timeoutMs?: number;
  /** retry policy for idempotent calls, or false; default 2 retries with jittered backoff */
  retry?: RetryOptions | false;
  /** a fetch implementation; default globalThis.fetch. It is called as `fetch(request, init)` and must honour `init.signal` (timeouts, aborts) and `init.redirect` */
  fetch?: typeof globalThis.fetch;
  /** a response body larger than this is refused unread (`invalid-response`); default 16 MiB */
  maxResponseBytes?: number;
}

export interface ClientContext extends VendorAdapter {
  // biome-ignore lint/suspicious/noExplicitAny: the typed surface comes from the generated tables; the raw client is used untyped here
  readonly http: Client<any>;
  readonly fetch: typeof globalThis.fetch;
  readonly timeoutMs: number;
  readonly retry: RetryPolicy | false;
  readonly maxResponseBytes: number;
}

export const defaultTimeoutMs = 30_000;

/** A positive timeout, clamped to what a timer can hold (about 24.8 days); longer ones would fire at once. */
export function requireTimeout(value: unknown): number {
  if (!(Number.isFinite(value) && (value as number) > 0)) throw new ClientInputError('timeoutMs', 'must be a positive number of milliseconds');
  return Math.min(value as number, maxTimerMs);
}

export function requireByteCount(value: unknown, field: string): number {
  if (!(Number.isSafeInteger(value) && (value as number) > 0)) throw new ClientInputError(field, 'must be a positive whole number of bytes');
  return value as number;
}

/** The trimmed string, or a ClientInputError naming the field; `problem` explains a `pattern` mismatch. */
export function requireString(value: unknown, field: string, pattern?: RegExp, problem?: string): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text) throw new ClientInputError(field, 'must be a non-empty string');
  if (pattern && !pattern.test(text)) throw new ClientInputError(field, problem!);
  return text;
}

/** An absolute http(s) base URL without a trailing slash. */
export function requireBaseUrl(value: unknown, field: string): string {
  const text = requireString(value, field, /^https?:\/\/[^/]/i, 'must be an absolute http(s) URL');
  try {
    new URL(text);
  } catch {
    throw new ClientInputError(field, 'must be an absolute http(s) URL');
  }
  return text.replace(/\/+$/, '');
}

// note: fetch refuses anything else in a header and quotes the value in its error, so a
// credential or id that travels in a header is checked here, where the message can leave it out
/** A credential or id sent as is in a header, path or query (access key ids, tokens, project ids). */
export const requireVisibleAscii = (value: unknown, field: string): string =>
  requireString(value, field, /^[\x21-\x7e]+$/, 'must only contain visible ASCII characters');

// note: a region is a host label, so anything else would build a wrong host silently
export const requireRegion = (value: unknown, field: string): string =>
  requireString(value, field, /^[a-z\d]+(-[a-z\d]+)*$/, 'must look like a region id, e.g. cn-north-4');

/** Checks that the factory options are an object. */
export function requireOptions<T>(options: T): T {
  if (typeof options !== 'object' || options === null) throw new ClientInputError('options', 'must be an object');
  return options;
}
