// The shapes the core and the vendor folders share; types only, so any module may import them.
import type { Client, Middleware } from 'openapi-fetch';
import type { ClientLogger } from './attempt-log.js';
import type { CloudApiError, CloudApiErrorInit, Vendor } from './errors.js';
import type { OperationSpec, ParameterLocation } from './operation-table.js';
import type { SigningClock } from '../signing/clock.js';
import type { ClientHooks } from './prepare-request.js';
import type { RetryOptions, RetryPolicy } from './retry-policy.js';

/**
 * What every client call resolves to, in openapi-fetch's shape: `data` on success, `error`
 * (a CloudApiError narrowed per vendor) otherwise; `response` when one arrived; `requestId`,
 * the vendor's id of the last request, whenever the service sent one (successes included).
 */
export type ApiResult<Data, Failure> =
  | { data: Data; error?: undefined; response: Response; requestId: string | undefined }
  | { data?: undefined; error: Failure; response: Response | undefined; requestId: string | undefined };

/** The error facts a vendor reads from a response; the call fills in the rest. `Extra`: the vendor's own kinds and fields. */
export type ErrorFacts<Extra = {}> = Omit<CloudApiErrorInit, 'vendor' | 'operationId' | 'attempts'> & Extra;

/** Options every client factory takes besides its cloud's endpoint and credentials. */
export interface TransportOptions {
  /** per-attempt timeout in ms; default 30 000 */
  timeoutMs?: number;
  /** retry policy for idempotent calls, or false; default 2 retries with jittered backoff */
  retry?: RetryOptions | false;
  /** a fetch implementation, e.g. undici's with a proxy dispatcher; default globalThis.fetch. It is called as `fetch(url, init)` and must honour `init.signal` (timeouts, aborts) and `init.redirect` */
  fetch?: typeof globalThis.fetch;
  /** a response body larger than this is refused unread (`invalid-response`); default 16 MiB */
  maxResponseBytes?: number;
  /**
   * ms added to the local clock when signing; default 0. A service's refusal of the signing time
   * corrects it from the answer's `Date` (the call is signed anew and sent once more)
   */
  clockOffsetMs?: number;
  /** receives one line per attempt of a typed call (operation, method, path without the query, status, attempt, duration, request id); nothing secret is ever logged */
  logger?: ClientLogger;
  /** appended to the default User-Agent `cloud-backup-contracts-client/<version> <runtime>/<version>`; a browser sends its own User-Agent instead */
  userAgent?: string;
  /** caller code run on every attempt before signing and after the response (see ClientHooks) */
  hooks?: ClientHooks;
}

/** Per-call options every operation method accepts beside its parameters. */
export interface CallOptions {
  /** aborts the call, retries and backoff included */
  signal?: AbortSignal;
  /** per-attempt timeout for this call, overriding the client's */
  timeoutMs?: number;
  /** retry policy for this call, or false */
  retry?: RetryOptions | false;
}

/** What an operation method receives: its parameters by location, its body, and call options. */
export interface CallInput extends CallOptions {
  path?: Record<string, unknown>;
  query?: Record<string, unknown>;
  headers?: Record<string, unknown>;
  body?: unknown;
}

export interface PageOptions {
  /** items per request (`limit`); default 100 */
  pageSize?: number;
  /** `offset` of the first page; default 0 */
  startOffset?: number;
  /** stop after this many pages even if more remain; default 100 */
  maxPages?: number;
}

/** A page walk over one listing operation (core/pagination.ts). */
export type PageWalker = (
  ctx: ClientContext,
  operationId: string,
  spec: OperationSpec,
  input?: CallInput,
  options?: PageOptions,
) => AsyncGenerator<ApiResult<unknown, CloudApiError>, void, undefined>;

/** What differs between vendors: endpoint, signing, filled-in parameters, error bodies. */
export interface VendorAdapter {
  readonly vendor: Vendor;
  readonly baseUrl: string;
  /** signs (or authorizes) every request, the raw client's included, after every middleware (core/prepare-request.ts); only onRequest counts */
  readonly auth: Middleware;
  /** the values of the parameters the client fills in for an operation */
  autoParams(spec: OperationSpec): { [location in ParameterLocation]?: Readonly<Record<string, string>> };
  /** turns a non-2xx response into error facts */
  errorFromResponse(status: number, body: unknown, headers: Headers): ErrorFacts;
  /** the vendor's request id, from a response's headers or body; without it a success carries none */
  requestIdFrom?(headers: Headers, body: unknown): string | undefined;
  /** for a vendor whose 2xx body can still mean failure: its error facts, or undefined on success */
  errorFromSuccessBody?(body: unknown, headers: Headers): ErrorFacts | undefined;
  /** the clock the auth middleware signs with; corrected after a refusal of the signing time */
  readonly clock?: SigningClock;
  /** whether a refusal may be the service's answer to a signing time too far from its clock */
  isClockRefusal?(failure: ErrorFacts): boolean;
  /** the page walker, for a vendor with pageable operations (the others' bundles leave it out) */
  readonly iteratePages?: PageWalker;
}

/** A client's adapter and its checked transport options, shared by every call. */
export interface ClientContext extends VendorAdapter {
  // biome-ignore lint/suspicious/noExplicitAny: the typed surface comes from the generated tables; the raw client is used untyped here
  readonly http: Client<any>;
  readonly fetch: typeof globalThis.fetch;
  readonly timeoutMs: number;
  readonly retry: RetryPolicy | false;
  readonly maxResponseBytes: number;
  readonly clock: SigningClock;
  readonly logger: ClientLogger | undefined;
  readonly hooks: ClientHooks | undefined;
}

/** How one attempt ended: data, or the facts of its failure; the response when one arrived. */
export type AttemptOutcome = { data: unknown; failure?: undefined; response: Response } | { failure: ErrorFacts; response?: Response | undefined };
