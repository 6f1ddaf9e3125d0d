import type { ErrorFacts } from '../core/types.js';
import { asRecord, stringField, unknownBodyMessage } from '../core/error-body.js';
import type { GenericErrorKind, HttpFailure, NarrowedError, TransportFailure } from '../core/errors.js';

/** The kinds an Alibaba call reports: the generic ones, and `unsuccessful` for a 200 whose body says `Success: false`. */
export type AlibabaErrorKind = GenericErrorKind | 'unsuccessful';

/** The fields Alibaba errors carry beside the generic facts, when the service sent them. */
export interface AlibabaErrorFields {
  /** a link to Alibaba's diagnosis of the error */
  readonly recommend: string | undefined;
  /** the host that answered, e.g. `hbr.cn-hangzhou.aliyuncs.com` */
  readonly hostId: string | undefined;
}

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
export type AlibabaServiceError = NarrowedError<{ vendor: 'alibaba'; kind: 'service'; status: number; code: AlibabaErrorCode } & AlibabaErrorFields>;

/** A 200 whose body says `Success: false`. */
export type AlibabaUnsuccessfulError = NarrowedError<
  { vendor: 'alibaba'; kind: 'unsuccessful'; status: number; code: AlibabaErrorCode | undefined } & AlibabaErrorFields
>;

/** Every failure an Alibaba HBR call reports; narrow on `kind`, then on `code`. */
export type AlibabaHbrError =
  | AlibabaServiceError
  | AlibabaUnsuccessfulError
  | HttpFailure<'alibaba', AlibabaErrorFields>
  | TransportFailure<'alibaba', AlibabaErrorFields>;

type AlibabaErrorFacts = ErrorFacts<{ kind: AlibabaErrorKind; recommend?: string | undefined; hostId?: string | undefined }>;

function facts(record: Record<string, unknown> | undefined, headers: Headers) {
  return {
    code: stringField(record, 'Code'),
    requestId: alibabaRequestId(headers, record),
    hostId: stringField(record, 'HostId'),
    recommend: stringField(record, 'Recommend'),
  };
}

/** The request id an Alibaba response carries: the body's `RequestId`, else the `x-acs-request-id` header. */
export function alibabaRequestId(headers: Headers, body: unknown): string | undefined {
  return stringField(asRecord(body), 'RequestId') ?? headers.get('x-acs-request-id') ?? undefined;
}

export function alibabaErrorFromResponse(status: number, body: unknown, headers: Headers): AlibabaErrorFacts {
  const record = asRecord(body);
  const known = facts(record, headers);
  if (known.code !== undefined) {
    return { kind: 'service', status, ...known, message: stringField(record, 'Message') ?? known.code, body };
  }
  return { kind: 'http', status, message: unknownBodyMessage(status), requestId: known.requestId, body };
}

export function alibabaErrorFromSuccessBody(body: unknown, headers: Headers): AlibabaErrorFacts | undefined {
  const record = asRecord(body);
  if (record?.Success !== false) return undefined;
  const known = facts(record, headers);
  const message = stringField(record, 'Message') ?? 'the service answered 200 with Success: false';
  return { kind: 'unsuccessful', status: 200, ...known, message, body };
}
