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

const retryableStatuses = new Set([429, 502, 503, 504]);

/**
 * The one error type every client call reports. It never holds request headers, the URL's
 * query or any credential, so logging it or calling `toString()` cannot leak a secret.
 */
export class CloudApiError extends Error {
  override readonly name = 'CloudApiError';
  readonly vendor: Vendor;
  readonly kind: ErrorKind;
  readonly operationId: string;
  /** HTTP status; undefined when no response arrived */
  readonly status: number | undefined;
  /** vendor error code, e.g. `VolumeBackup.0001`, `APIG.0301`, `Throttling.User` */
  readonly code: string | undefined;
  readonly requestId: string | undefined;
  /** Alibaba's diagnosis link, when the service sent one */
  readonly recommend: string | undefined;
  readonly hostId: string | undefined;
  /** Huawei's outer error key, e.g. `badRequest`, `itemNotFound` */
  readonly errorType: string | undefined;
  /** the parsed response body, when there was one */
  readonly body: unknown;
  /** how many attempts were made, retries included */
  readonly attempts: number;

  constructor(init: CloudApiErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.vendor = init.vendor;
    this.kind = init.kind;
    this.operationId = init.operationId;
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId;
    this.recommend = init.recommend;
    this.hostId = init.hostId;
    this.errorType = init.errorType;
    this.body = init.body;
    this.attempts = init.attempts ?? 1;
  }

  /** Whether sending the same idempotent request again may succeed. */
  get retryable(): boolean {
    if (this.kind === 'network') return true;
    return this.status !== undefined && retryableStatuses.has(this.status);
  }

  override toString(): string {
    const facts = [this.vendor, this.kind, this.status, this.code].filter((part) => part !== undefined).join(' ');
    const request = this.requestId ? ` (request id ${this.requestId})` : '';
    return `${this.name} [${facts}] ${this.operationId}: ${this.message}${request}`;
  }

  toJSON(): Record<string, unknown> {
    const { name, vendor, kind, operationId, status, code, message, requestId, recommend, hostId, errorType, attempts } = this;
    return { name, vendor, kind, operationId, status, code, message, requestId, recommend, hostId, errorType, attempts };
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
  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(`${field} ${problem}`);
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
