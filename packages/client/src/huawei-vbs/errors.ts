import type { ErrorFacts } from '../core/types.js';
import { asRecord, codeField, stringField, unknownBodyMessage } from '../core/error-body.js';
import type { GenericErrorKind, HttpFailure, NarrowedError, TransportFailure } from '../core/errors.js';

/** The kinds a Huawei call reports: the generic ones, and `gateway` for the API gateway's own answer (auth, throttling). */
export type HuaweiErrorKind = GenericErrorKind | 'gateway';

/** The field Huawei errors carry beside the generic facts. */
export interface HuaweiErrorFields {
  /** the service error's outer key, e.g. `badRequest`, `itemNotFound` */
  readonly errorType: string | undefined;
}

/**
 * The service's own error: `{ "<kind>": { "message", "code" } }`, e.g. `badRequest` / `VolumeBackup.0002`.
 * `code` is always a string: the OpenStack-style body some VBS pages show carries the HTTP status as
 * an integer (`{ "itemNotFound": { "code": 404 } }`), which reads as `'404'`; `body` keeps it as sent.
 * A body with a message but no code reads as `''`.
 */
export type HuaweiServiceError = NarrowedError<{ vendor: 'huawei'; kind: 'service'; status: number; code: string; errorType: string }>;

/** The API gateway's error: `{ error_code, error_msg, request_id }`, e.g. `APIG.0301` for bad credentials. */
export type HuaweiGatewayError = NarrowedError<{ vendor: 'huawei'; kind: 'gateway'; status: number; code: string } & HuaweiErrorFields>;

/** Every failure a Huawei VBS call reports; narrow on `kind`, then on `code`. */
export type HuaweiVbsError = HuaweiServiceError | HuaweiGatewayError | HttpFailure<'huawei', HuaweiErrorFields> | TransportFailure<'huawei', HuaweiErrorFields>;

type HuaweiErrorFacts = ErrorFacts<{ kind: HuaweiErrorKind; errorType?: string | undefined }>;

const requestIdHeaders = ['x-request-id', 'x-openstack-request-id'];

/** The request id a Huawei response carries: the gateway body's `request_id`, else the `X-Request-Id` (or OpenStack) header. */
export function huaweiRequestId(headers: Headers, body: unknown): string | undefined {
  return stringField(asRecord(body), 'request_id') ?? requestIdHeaders.map((name) => headers.get(name)).find(Boolean) ?? undefined;
}

export function huaweiErrorFromResponse(status: number, body: unknown, headers: Headers): HuaweiErrorFacts {
  const record = asRecord(body);
  const headerRequestId = requestIdHeaders.map((name) => headers.get(name)).find(Boolean) ?? undefined;
  const gatewayCode = stringField(record, 'error_code');
  if (gatewayCode !== undefined) {
    const message = stringField(record, 'error_msg') ?? unknownBodyMessage(status);
    return { kind: 'gateway', status, code: gatewayCode, message, requestId: stringField(record, 'request_id') ?? headerRequestId, body };
  }
  const entries = Object.entries(record ?? {});
  const detail = entries.length === 1 ? asRecord(entries[0]![1]) : undefined;
  const code = codeField(detail, 'code');
  const message = stringField(detail, 'message');
  if (detail && (code !== undefined || message !== undefined)) {
    return {
      kind: 'service',
      status,
      code: code ?? '',
      message: message ?? unknownBodyMessage(status),
      errorType: entries[0]![0],
      requestId: headerRequestId,
      body,
    };
  }
  return { kind: 'http', status, message: unknownBodyMessage(status), requestId: headerRequestId, body };
}

/**
 * The API gateway refuses a signature outside its 15-minute window as it refuses a wrong one:
 * 401 with `APIG.0301` (IAM auth) or `APIG.0303` (app auth); the retry policy tells them apart by
 * the answer's `Date`.
 */
export const isHuaweiClockRefusal = ({ kind, status, code }: ErrorFacts): boolean =>
  kind === 'gateway' && status === 401 && (code === 'APIG.0301' || code === 'APIG.0303');
