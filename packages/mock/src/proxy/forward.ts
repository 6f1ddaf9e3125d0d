// The proxy's last step of the request path: the request, re-signed, goes to the upstream; the
// upstream's answer goes back to the caller unchanged (status, headers but the connection's own,
// the bytes); then the answer is checked against the contract. An upstream that stalls, resets,
// sends too much or redirects gets the caller a clear answer in the API's shape, and a finding.
import { Agent as HttpAgent, type IncomingHttpHeaders, type IncomingMessage, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { type Exchange, type Handler, refuse } from '../exchange.js';
import type { ContractOperationRef } from './contract-schemas.js';
import { type DriftChecker, type DriftFinding, type DriftKind, shownLength } from './drift.js';
import type { DriftReport } from './report.js';
import type { OutgoingRequest, Resigner } from './resign.js';

/** Headers of one connection (RFC 9110 §7.6.1), never passed on; the length is the proxy's to set, and the body is already read whole. */
const hopByHop = new Set([
  'connection',
  'expect',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'content-length',
  'host',
]);
const redirects = new Set([301, 302, 303, 307, 308]);
/** The longest delay a Node timer holds. */
const maxTimerMs = 2 ** 31 - 1;

export interface UpstreamOptions {
  api: string;
  /** the upstream's base URL; its path, if any, goes before the request's */
  upstream: URL;
  resign: Resigner;
  checker: DriftChecker;
  /** the contract's operations by operationId, with their pointers */
  operations: ReadonlyMap<string, ContractOperationRef>;
  report: DriftReport;
  /** how long the upstream gets for its whole answer */
  timeoutMs: number;
  /** larger answers are cut off and refused */
  maxAnswerBytes: number;
}

export interface UpstreamAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** Why an upstream gave no answer the proxy can relay. */
export class UpstreamFailure extends Error {
  override readonly name = 'UpstreamFailure';
  constructor(
    readonly kind: Extract<DriftKind, `upstream-${string}`>,
    message: string,
    /** what a finding shows as seen */
    readonly seen: string,
    readonly status?: number,
  ) {
    super(message);
  }

  /** The one finding this failure makes for `operationId` of `api`. */
  finding(api: string, operationId: string): DriftFinding {
    const { kind, status, seen } = this;
    return { api, operation: operationId, ...(status === undefined ? {} : { status }), kind, pointer: '', contract: 'a whole answer from the upstream', seen };
  }
}

export interface Sender {
  send(request: OutgoingRequest): Promise<UpstreamAnswer>;
  close(): void;
}

/** Sends requests over kept-alive connections; each answer is read whole, within the time and size limits. */
export function createSender({ maxAnswerBytes, ...limits }: { timeoutMs: number; maxAnswerBytes: number }): Sender {
  // a timer past 2^31-1 ms fires at once, so a longer wait is the longest a timer can hold
  const timeoutMs = Math.min(limits.timeoutMs, maxTimerMs);
  const agents = { http: new HttpAgent({ keepAlive: true, maxSockets: 256 }), https: new HttpsAgent({ keepAlive: true, maxSockets: 256 }) };
  function send({ method, url, headers, body }: OutgoingRequest): Promise<UpstreamAnswer> {
    const secure = url.protocol === 'https:';
    return new Promise((resolve, reject) => {
      const request = (secure ? httpsRequest : httpRequest)(
        url,
        { method, headers: { ...headers, 'content-length': String(body.length) }, agent: secure ? agents.https : agents.http },
        (answer: IncomingMessage) => {
          const status = answer.statusCode!;
          if (redirects.has(status)) {
            answer.resume();
            const location = String(answer.headers.location ?? '');
            // only where it points, not its query (it could carry a signature)
            const target = URL.canParse(location, url) ? new URL(location, url) : undefined;
            const shownTarget = target ? `${target.origin}${target.pathname}` : 'nowhere';
            finish(
              new UpstreamFailure(
                'upstream-redirect',
                `the upstream answered ${status}, a redirect to ${shownTarget}, which the proxy does not follow`,
                `${status} to ${shownTarget}`,
                status,
              ),
            );
            return;
          }
          const chunks: Buffer[] = [];
          let size = 0;
          answer.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > maxAnswerBytes) {
              finish(
                new UpstreamFailure(
                  'upstream-too-large',
                  `the upstream's answer is larger than ${maxAnswerBytes} bytes`,
                  `more than ${maxAnswerBytes} bytes`,
                  status,
                ),
              );
              return;
            }
            chunks.push(chunk);
          });
          answer.on('end', () => finish(undefined, { status, headers: answer.headers, body: Buffer.concat(chunks) }));
          answer.on('error', (error: NodeJS.ErrnoException) => finish(failureOf(error, true)));
          answer.on('aborted', () =>
            finish(
              new UpstreamFailure('upstream-reset', 'the upstream closed the connection in the middle of its answer', 'connection closed mid-answer', status),
            ),
          );
        },
      );
      let settled = false;
      const timer = setTimeout(
        () => finish(new UpstreamFailure('upstream-timeout', `the upstream did not answer within ${timeoutMs} ms`, `no whole answer after ${timeoutMs} ms`)),
        timeoutMs,
      );
      function finish(failure: UpstreamFailure | undefined, answer?: UpstreamAnswer): void {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (failure) {
          request.destroy();
          reject(failure);
        } else resolve(answer!);
      }
      request.on('error', (error: NodeJS.ErrnoException) => finish(failureOf(error, false)));
      // note: without this, a kept-alive connection's small writes can wait on the peer's delayed ACK (40 ms on Linux)
      request.on('socket', (socket) => socket.setNoDelay(true));
      if (body.length === 0) request.end();
      else request.end(body);
    });
  }
  return {
    send,
    close: () => {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}

function failureOf(error: NodeJS.ErrnoException, answering: boolean): UpstreamFailure {
  const code = error.code ?? error.message;
  if (!answering && ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'].includes(code))
    return new UpstreamFailure('upstream-unreachable', `the upstream cannot be reached (${code})`, code);
  return new UpstreamFailure('upstream-reset', `the connection to the upstream failed${answering ? ' in the middle of its answer' : ''} (${code})`, code);
}

/** Why a compressed body was not unpacked for the check. */
type Unpacked = Buffer | 'unknown-encoding' | 'too-large';

/**
 * The body as sent, unpacked for the check when the upstream compressed it. Unpacking stops at
 * `maxBytes`: a small compressed body can unpack to far more than any answer the proxy would take.
 */
function decoded(body: Buffer, encoding: string | undefined, maxBytes: number): Unpacked {
  const limit = { maxOutputLength: maxBytes };
  try {
    switch ((encoding ?? '').trim().toLowerCase()) {
      case '':
      case 'identity':
        return body;
      case 'gzip':
      case 'x-gzip':
        return gunzipSync(body, limit);
      case 'deflate':
        return inflateSync(body, limit);
      case 'br':
        return brotliDecompressSync(body, limit);
      default:
        return 'unknown-encoding';
    }
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' ? 'too-large' : 'unknown-encoding';
  }
}

/** Checks one relayed answer and adds its findings to the report; a check that throws is a finding, never a crash. */
export function checkAnswer(
  options: Pick<UpstreamOptions, 'api' | 'checker' | 'report' | 'maxAnswerBytes'>,
  operation: ContractOperationRef,
  answer: UpstreamAnswer,
): DriftFinding[] {
  const encoding = answer.headers['content-encoding'] as string | undefined;
  const body = decoded(answer.body, encoding, options.maxAnswerBytes);
  const whole = { api: options.api, operation: operation.operationId, status: answer.status, pointer: '' };
  let findings: DriftFinding[];
  try {
    findings =
      body === 'unknown-encoding'
        ? [{ ...whole, kind: 'not-json', contract: 'a JSON body', seen: `content-encoding ${encoding}` }]
        : body === 'too-large'
          ? [
              {
                ...whole,
                kind: 'upstream-too-large',
                contract: `an answer of at most ${options.maxAnswerBytes} bytes`,
                seen: `${encoding} body unpacking to more than ${options.maxAnswerBytes} bytes`,
              },
            ]
          : options.checker.check(options.api, operation, { status: answer.status, contentType: answer.headers['content-type'], body });
  } catch (error) {
    findings = [
      {
        ...whole,
        kind: 'schema-mismatch',
        contract: 'a body the check can read',
        seen: error instanceof Error ? error.message.slice(0, shownLength) : 'error',
      },
    ];
  }
  options.report.add(findings);
  return findings;
}

/** The proxy's forwarding step and its connections' cleanup. */
export function upstreamForwarder(options: UpstreamOptions): { forward: Handler; close(): void } {
  const sender = createSender(options);
  const prefix = options.upstream.pathname.replace(/\/+$/, '');

  async function forward(exchange: Exchange): Promise<boolean> {
    const { req, res, route } = exchange;
    const operation = route.operation && options.operations.get(route.operation.operationId ?? '');
    if (!operation) {
      return refuse(exchange, 404, `no operation of the contract is ${req.method} ${exchange.path}, so the proxy does not forward it`, undefined);
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers))
      if (!hopByHop.has(name) && name !== 'accept-encoding' && value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    headers.host = options.upstream.host;
    const url = new URL(options.upstream);
    url.pathname = `${prefix}${exchange.path}`;
    url.search = exchange.query ? `?${exchange.query}` : '';
    let answer: UpstreamAnswer;
    try {
      answer = await sender.send(await options.resign({ method: req.method!, url, headers, body: exchange.body }));
    } catch (error) {
      if (!(error instanceof UpstreamFailure)) throw error;
      options.report.add([error.finding(options.api, operation.operationId)]);
      return refuse(
        exchange,
        error.kind === 'upstream-timeout' ? 504 : 502,
        `the proxy got no usable answer from the upstream: ${error.message}`,
        route.operation,
      );
    }
    const relayed: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(answer.headers)) if (!hopByHop.has(name) && value !== undefined) relayed[name] = value;
    res.writeHead(answer.status, { ...relayed, 'content-length': String(answer.body.length) });
    res.end(answer.body);
    checkAnswer(options, operation, answer);
    return true;
  }
  return { forward, close: () => sender.close() };
}
