import type { ErrorFacts } from '../core/types.js';
import { asRecord, stringField, unknownBodyMessage } from '../core/error-body.js';
import type { GenericErrorKind, HttpFailure, NarrowedError, TransportFailure } from '../core/errors.js';

/** The kinds a Huawei call reports: the generic ones, and `gateway` for the API gateway's own answer (auth, throttling). */
export type HuaweiErrorKind = GenericErrorKind | 'gateway';

/** The field Huawei errors carry beside the generic facts. */
export interface HuaweiErrorFields {
  /** the service error's outer key, e.g. `badRequest`, `itemNotFound` */
  readonly errorType: string | undefined;
}

/** The service's own error: `{ "<kind>": { "message", "code" } }`, e.g. `itemNotFound` / `VolumeBackup.0001`. */
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
  const code = stringField(detail, 'code');
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
