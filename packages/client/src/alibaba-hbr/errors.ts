import type { ErrorFacts } from '../core/client-context.js';
import { asRecord, stringField, unknownBodyMessage } from '../core/error-body.js';
import type { HttpFailure, NarrowedError, TransportFailure } from '../core/errors.js';

/** Codes the service and its gateway commonly return; others arrive as plain strings. */
export type AlibabaErrorCode =
  | 'MissingParameter'
  | 'InvalidParameter'
  | 'Forbidden.RAM'
  | 'InvalidAction.NotFound'
  | 'Throttling.User'
  | 'InternalError'
  | 'ServiceUnavailable'
  | 'BadRequest'
  | 'NoPermission'
  | 'ResourceNotFound'
  | 'ServiceNotActivated'
  | (string & {});

/** The service's error body `{ RequestId, HostId, Code, Message, Recommend }` on a 4xx/5xx. */
export type AlibabaServiceError = NarrowedError<{ vendor: 'alibaba'; kind: 'service'; status: number; code: AlibabaErrorCode }>;

/** A 200 whose body says `Success: false`. */
export type AlibabaUnsuccessfulError = NarrowedError<{ vendor: 'alibaba'; kind: 'unsuccessful'; status: number; code: AlibabaErrorCode | undefined }>;

/** Every failure an Alibaba HBR call reports; narrow on `kind`, then on `code`. */
export type AlibabaHbrError = AlibabaServiceError | AlibabaUnsuccessfulError | HttpFailure<'alibaba'> | TransportFailure<'alibaba'>;

function facts(record: Record<string, unknown> | undefined, headers: Headers) {
  return {
    code: stringField(record, 'Code'),
    requestId: stringField(record, 'RequestId') ?? headers.get('x-acs-request-id') ?? undefined,
    hostId: stringField(record, 'HostId'),
    recommend: stringField(record, 'Recommend'),
  };
}

export function alibabaErrorFromResponse(status: number, body: unknown, headers: Headers): ErrorFacts {
  const record = asRecord(body);
  const known = facts(record, headers);
  if (known.code !== undefined) {
    return { kind: 'service', status, ...known, message: stringField(record, 'Message') ?? known.code, body };
  }
  return { kind: 'http', status, message: unknownBodyMessage(status), requestId: known.requestId, body };
}

export function alibabaErrorFromSuccessBody(body: unknown, headers: Headers): ErrorFacts | undefined {
  const record = asRecord(body);
  if (record?.Success !== false) return undefined;
  const known = facts(record, headers);
  const message = stringField(record, 'Message') ?? 'the service answered 200 with Success: false';
  return { kind: 'unsuccessful', status: 200, ...known, message, body };
}
