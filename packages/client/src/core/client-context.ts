import type { Client } from 'openapi-fetch';
import { ClientInputError, type CloudApiErrorInit, type Vendor } from './errors.js';
import type { OperationSpec, ParameterLocation } from './operation-table.js';
import { assertNonNegative, defaultRetryPolicy, resolveRetryPolicy, type RetryOptions, type RetryPolicy } from './retry.js';

/** The error facts a vendor adapter reads from a response; the call fills in the rest. */
export type ErrorFacts = Omit<CloudApiErrorInit, 'vendor' | 'operationId' | 'attempts'>;

/** What differs between the two clouds, beyond signing (which is openapi-fetch middleware). */
export interface VendorAdapter {
  readonly vendor: Vendor;
  /** parameters only the client sets (project id, Action/Version); callers may not pass them */
  readonly reservedParams: Partial<Record<ParameterLocation, readonly string[]>>;
  /** the values the client sets for an operation, among the reserved ones it declares */
  autoParams(spec: OperationSpec): Partial<Record<ParameterLocation, Readonly<Record<string, string>>>>;
  /** turns a non-2xx response into error facts */
  errorFromResponse(status: number, body: unknown, headers: Headers): ErrorFacts;
  /** a 2xx body that still means failure (Alibaba's `Success: false`) */
  errorFromSuccessBody?(body: unknown, headers: Headers): ErrorFacts | undefined;
}

/** Options every client factory takes besides its cloud's endpoint and credentials. */
export interface TransportOptions {
  /** per-attempt timeout in ms; default 30 000 */
  timeoutMs?: number;
  /** retry policy for idempotent calls, or false; default 2 retries with jittered backoff */
  retry?: RetryOptions | false;
  /** a fetch implementation; default globalThis.fetch */
  fetch?: typeof globalThis.fetch;
}

export interface ClientContext {
  readonly adapter: VendorAdapter;
  // note: the typed surface comes from the generated tables; the raw client is used untyped here
  readonly http: Client<any>;
  readonly timeoutMs: number;
  readonly retry: RetryPolicy | false;
}

export const defaultTimeoutMs = 30_000;

/** Marks a rejection of fetch itself, so only those count as network failures. */
export class FetchRejection extends Error {
  constructor(cause: unknown) {
    super('fetch rejected', { cause });
  }
}

export function resolveTransport(options: TransportOptions): { timeoutMs: number; retry: RetryPolicy | false; fetch: typeof globalThis.fetch } {
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  assertNonNegative(timeoutMs, 'timeoutMs');
  if (timeoutMs === 0) throw new ClientInputError('timeoutMs', 'must be greater than 0');
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== 'function') throw new ClientInputError('fetch', 'must be a function (no global fetch found)');
  const fetch = (input: RequestInfo | URL, init?: RequestInit) =>
    fetchImpl(input, init).catch((cause: unknown) => {
      throw new FetchRejection(cause);
    });
  return { timeoutMs, retry: resolveRetryPolicy(options.retry, defaultRetryPolicy, 'retry'), fetch };
}

/** Returns the trimmed string or throws naming the field. */
export function requireString(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new ClientInputError(field, 'must be a non-empty string');
  return value.trim();
}

/** An absolute http(s) base URL without a trailing slash. */
export function requireBaseUrl(value: unknown, field: string): string {
  const text = requireString(value, field);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ClientInputError(field, 'must be an absolute URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ClientInputError(field, 'must use http or https');
  return text.replace(/\/+$/, '');
}

// note: fetch refuses CR, LF and NUL in a header and quotes the value in its error, so a
// credential that travels in a header is checked here, where the message can leave it out
export function requireHeaderSafe(value: unknown, field: string): string {
  const text = requireString(value, field);
  if (/[\r\n\0]/.test(text)) throw new ClientInputError(field, 'must not contain line breaks or NUL characters');
  return text;
}

/** A credential sent as is in a header or query (access key ids, STS tokens). */
export function requireVisibleAscii(value: unknown, field: string): string {
  const text = requireString(value, field);
  if (!/^[\x21-\x7e]+$/.test(text)) throw new ClientInputError(field, 'must only contain visible ASCII characters');
  return text;
}

// note: a region is a host label, so anything else would build a wrong host silently
export function requireRegion(value: unknown, field: string): string {
  const region = requireString(value, field);
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(region)) throw new ClientInputError(field, 'must look like a region id, e.g. cn-north-4');
  return region;
}
