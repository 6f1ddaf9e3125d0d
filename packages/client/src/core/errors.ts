import { isRetryable } from './retry-policy.js';

/** Which cloud answered (or was being called); each vendor's error union narrows it to one name. */
export type Vendor = string;

/**
 * What went wrong, the discriminant callers narrow on. Every vendor may report these:
 * - `service`: the vendor's service answered with its own error body;
 * - `http`: a non-2xx status whose body is not a known vendor error;
 * - `invalid-response`: a 2xx whose body is missing or not the JSON the contract promises, or any
 *   body over `maxResponseBytes`;
 * - `redirect`: the service answered with a redirect, which the client never follows;
 * - `network`, `timeout`, `aborted`: no complete response arrived (the connection failed, the
 *   per-attempt timeout fired, or the caller aborted), before or while the body arrived;
 * - `credentials`: nothing was sent, as the auth option's credentials provider failed or answered
 *   unusable credentials (its own error is the `cause`).
 */
export type GenericErrorKind = 'service' | 'http' | 'invalid-response' | 'redirect' | 'network' | 'timeout' | 'aborted' | 'credentials';

/**
 * A generic kind or a vendor's own (declared in its folder); open so core names no vendor,
 * while `string & {}` keeps the generic kinds as editor suggestions.
 */
export type ErrorKind = GenericErrorKind | (string & {});

/** The facts every vendor reports; a vendor's error facts may add fields of its own. */
export interface CloudApiErrorInit {
  vendor: Vendor;
  kind: ErrorKind;
  operationId: string;
  message: string;
  status?: number | undefined;
  code?: string | undefined;
  requestId?: string | undefined;
  /** for a `redirect`: the origin it pointed to (never the full URL, which may echo the signed query) */
  redirectTo?: string | undefined;
  body?: unknown;
  attempts?: number;
  cause?: unknown;
}

/**
 * The one error type every client call reports. It never holds request headers, the URL's
 * query or any credential, so logging it or calling `toString()` cannot leak a secret.
 */
export class CloudApiError extends Error {
  override readonly name = 'CloudApiError';
  // note: `declare` fields are set by Object.assign below; the emitted class stays small
  declare readonly vendor: Vendor;
  declare readonly kind: ErrorKind;
  declare readonly operationId: string;
  /** HTTP status; undefined when no response arrived */
  declare readonly status: number | undefined;
  /** the vendor's error code, as the vendor spells it */
  declare readonly code: string | undefined;
  declare readonly requestId: string | undefined;
  /** for a `redirect`: the origin it pointed to */
  declare readonly redirectTo: string | undefined;
  /** the parsed response body, when there was one */
  declare readonly body: unknown;
  /** how many attempts were made, retries included */
  declare readonly attempts: number;

  // note: every fact is copied, so a vendor's own fields (typed in its error union) land here too
  constructor({ message, cause, ...facts }: CloudApiErrorInit) {
    super(message, cause === undefined ? undefined : { cause });
    Object.assign(this, { attempts: 1 }, facts);
  }

  /** Whether sending the same idempotent request again may succeed: a network failure, a timeout, 429, 502, 503, 504, or a throttling code (Alibaba `Throttling*`, Huawei `APIG.0308`) whatever the status. */
  get retryable(): boolean {
    return isRetryable(this);
  }

  override toString(): string {
    const facts = [this.vendor, this.kind, this.status, this.code].filter((part) => part !== undefined).join(' ');
    return `${this.name} [${facts}] ${this.operationId}: ${this.message}${this.requestId ? ` (request id ${this.requestId})` : ''}`;
  }

  /** the facts and the message (an Error's message is not an own enumerable property) */
  toJSON(): object {
    return { ...this, message: this.message };
  }
}

export function isCloudApiError(value: unknown): value is CloudApiError {
  return value instanceof CloudApiError;
}

/**
 * Thrown, never returned, when the caller misuses the client: bad configuration or input that
 * breaks the contract. Nothing was sent. `field` names the offending option or parameter.
 */
export class ClientInputError extends TypeError {
  override readonly name = 'ClientInputError';
  declare readonly field: string;
  constructor(field: string, problem: string) {
    super(`${field} ${problem}`);
    Object.assign(this, { field });
  }
}

/** A CloudApiError whose fields are narrowed (and a vendor's own added), for the per-vendor error unions. */
export type NarrowedError<Fields> = CloudApiError & Fields;

type Failure<V extends Vendor, K extends ErrorKind, Fields> = NarrowedError<{ vendor: V; kind: K } & Fields>;

// note: one union member per kind, so narrowing with `!==` removes members one by one
/** No response arrived: the network failed, the timeout fired, the caller aborted, or no credentials could be had. `Extra`: the vendor's own fields. */
export type TransportFailure<V extends Vendor, Extra = {}> = {
  [K in 'network' | 'timeout' | 'aborted' | 'credentials']: Failure<V, K, { status: undefined; code: undefined } & Extra>;
}['network' | 'timeout' | 'aborted' | 'credentials'];

/** A response arrived that is neither success nor a known vendor error. `Extra`: the vendor's own fields. */
export type HttpFailure<V extends Vendor, Extra = {}> = {
  [K in 'http' | 'invalid-response']: Failure<V, K, { status: number } & Extra>;
}['http' | 'invalid-response'];
