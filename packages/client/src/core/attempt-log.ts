// One log line per attempt, for the caller's logger. Built from facts that hold no secret: the
// path without its query (an RPC V2 query carries the signature and the STS token), never a
// header, never a body, never an error message (a transport error may quote what it sent).

/** What each attempt reports to the logger beside its line. */
export interface AttemptRecord {
  /** which cloud was called */
  vendor: string;
  /** the operation, e.g. `countBackupShares` */
  operationId: string;
  /** the HTTP method, in capitals */
  method: string;
  /** the request path, without the query */
  path: string | undefined;
  /** the HTTP status, when a response arrived */
  status: number | undefined;
  /** the error kind, when the attempt failed */
  kind: string | undefined;
  /** the vendor's error code, when it sent one */
  code: string | undefined;
  /** 1 for the first attempt, 2 for the first retry... */
  attempt: number;
  /** from the attempt's start to its outcome (hooks, signing, exchange and reading included) */
  durationMs: number;
  /** the vendor's request id, when the service sent one */
  requestId: string | undefined;
  /** the attempt failed and the call sends it again */
  retrying: boolean;
}

/**
 * Where the client logs, e.g. `console` or a pino/winston logger; each level is optional, so
 * `{ warn: console.warn, error: console.error }` keeps successes quiet. A successful attempt is
 * `info`, a failed one sent again `warn`, a failed last attempt `error`.
 */
export interface ClientLogger {
  /** a successful attempt */
  info?(message: string, record: AttemptRecord): void;
  /** a failed attempt the client sends again */
  warn?(message: string, record: AttemptRecord): void;
  /** a failed last attempt: the call returns its error */
  error?(message: string, record: AttemptRecord): void;
}

/** Logs one attempt at the level its outcome calls for. */
export function logAttempt(logger: ClientLogger, record: AttemptRecord): void {
  const { operationId, method, path, status, kind, code, attempt, durationMs, requestId, retrying } = record;
  const outcome = [status, kind, code].filter((part) => part !== undefined).join(' ');
  const line = `${operationId} ${method} ${path ?? '(not sent)'} -> ${outcome}, attempt ${attempt}, ${durationMs} ms${requestId ? `, request id ${requestId}` : ''}${retrying ? ', retrying' : ''}`;
  if (!kind) logger.info?.(line, record);
  else if (retrying) logger.warn?.(line, record);
  else logger.error?.(line, record);
}
