/** Which cloud answered (or was being called). */
export type Vendor = 'huawei' | 'alibaba';

/**
 * What went wrong, the discriminant callers narrow on:
 * - `service`: the vendor's service answered with its own error body;
 * - `gateway`: Huawei's API gateway answered (auth, throttling) with `error_code`/`error_msg`;
 * - `unsuccessful`: Alibaba answered 200 but with `Success: false`;
 * - `http`: a non-2xx status whose body is not a known vendor error;
 * - `invalid-response`: a 2xx whose body is not the JSON the contract promises;
 * - `network`, `timeout`, `aborted`: no response arrived.
 */
export type ErrorKind = 'service' | 'gateway' | 'unsuccessful' | 'http' | 'invalid-response' | 'network' | 'timeout' | 'aborted';

export interface CloudApiErrorInit {
  vendor: Vendor;
  kind: ErrorKind;
  operationId: string;
  message: string;
  status?: number | undefined;
  code?: string | undefined;
  requestId?: string | undefined;
  recommend?: string | undefined;
  hostId?: string | undefined;
  errorType?: string | undefined;
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
  /** vendor error code, e.g. `VolumeBackup.0001`, `APIG.0301`, `Throttling.User` */
  declare readonly code: string | undefined;
  declare readonly requestId: string | undefined;
  /** Alibaba's diagnosis link, when the service sent one */
  declare readonly recommend: string | undefined;
  declare readonly hostId: string | undefined;
  /** Huawei's outer error key, e.g. `badRequest`, `itemNotFound` */
  declare readonly errorType: string | undefined;
  /** the parsed response body, when there was one */
  declare readonly body: unknown;
  /** how many attempts were made, retries included */
  declare readonly attempts: number;

  constructor({ message, cause, ...facts }: CloudApiErrorInit) {
    super(message, cause === undefined ? undefined : { cause });
    Object.assign(this, { attempts: 1 }, facts);
  }

  /** Whether sending the same idempotent request again may succeed: a network failure, 429, 502, 503 or 504. */
  get retryable(): boolean {
    return this.kind === 'network' || /^(429|50[234])$/.test(`${this.status}`);
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

/** A CloudApiError whose fields are narrowed, for the per-vendor error unions. */
export type NarrowedError<Fields> = CloudApiError & Fields;

type Failure<V extends Vendor, K extends ErrorKind, Fields> = NarrowedError<{ vendor: V; kind: K } & Fields>;

// note: one union member per kind, so narrowing with `!==` removes members one by one
/** No response arrived: the network failed, the timeout fired, or the caller aborted. */
export type TransportFailure<V extends Vendor> = {
  [K in 'network' | 'timeout' | 'aborted']: Failure<V, K, { status: undefined; code: undefined }>;
}['network' | 'timeout' | 'aborted'];

/** A response arrived that is neither success nor a known vendor error. */
export type HttpFailure<V extends Vendor> = {
  [K in 'http' | 'invalid-response']: Failure<V, K, { status: number }>;
}['http' | 'invalid-response'];
