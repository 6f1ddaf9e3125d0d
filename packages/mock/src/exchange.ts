// One request on its way through a front (src/front/front.ts): what each handler of the request
// path reads, and the one way every answer the mock writes itself is sent.
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { ContractIndex, IndexedOperation } from './contract-index.js';
import { errorBody } from './error-body.js';
import type { Route } from './router.js';

export interface Answer {
  status: number;
  headers?: OutgoingHttpHeaders;
  /** sent as JSON; undefined for an answer without a body */
  body?: unknown;
}

export interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  /** the whole request body */
  body: Buffer;
  /** the raw path and query of the request URL */
  path: string;
  query: string;
  route: Route;
  /** the contract as the front reads it; undefined for one it cannot (YAML), so refusals are `{ message }` */
  contract: ContractIndex | undefined;
  /** set by the state layer: its answer, sent in place of Prism's success */
  stateAnswer?: () => Answer;
}

/** One step of the request path: true once it has answered (or taken the answer on), false to pass it on. */
export type Handler = (exchange: Exchange) => boolean | Promise<boolean>;

export function send(res: ServerResponse, { status, headers = {}, body }: Answer): void {
  if (body === undefined) {
    // a 204 carries no content-length either (RFC 9110)
    res.writeHead(status, status === 204 ? headers : { ...headers, 'content-length': 0 });
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** A refusal in the API's own error shape, modelled on the operation's documented examples where it has them. */
export function refuse(
  { res, contract }: Exchange,
  status: number,
  message: string,
  operation: IndexedOperation | undefined,
  headers: OutgoingHttpHeaders = {},
): true {
  send(res, { status, headers, body: errorBody(contract, operation, status, message) });
  return true;
}
