// The front: owns an API's public port and forwards to its Prism process on a private one. It
// answers itself, at once and in the API's own error shape, whatever Prism would crash on, hang
// on or answer badly, and rewrites Prism's contract violations into that shape (keeping
// `sl-violations`). Stateful mode (src/state/) serves its own reset route first; then, in the
// verifying mode, every request's signature is checked before anything else; stateful mode
// replaces Prism's successes in `forward`. A request an http.Server hands over always has its
// method and url (hence `req.method!`, `req.url!`).
import { Agent, createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { SignatureVerifier } from '@cloud-backup-contracts/client';
import type { StateLayer } from '../state/layer.js';
import { checkEscapes, checkJsonBody, checkPrefer, type Problem } from './checks.js';
import { reasonsMessage, violationsOf } from './violations.js';
import { errorBody } from './error-body.js';
import { type ContractOperation, type OpenApiDoc, routeOf } from './routes.js';

export interface FrontOptions {
  /** the parsed contract, for error shapes, routes and `Prefer` checks; without it refusals are `{ message }` */
  doc: OpenApiDoc | undefined;
  host: string;
  port: number;
  /** where Prism listens (on 127.0.0.1) */
  upstreamPort: number;
  /** checks each request's signature or token first (the verifying mode) */
  verifier?: SignatureVerifier;
  /** told why each request the verifier refused was refused */
  onRefusal?: (reason: string) => void;
  /** stateful mode: the mock's own routes, and the state's answers in place of Prism's successes */
  state?: StateLayer | undefined;
}

export interface Front {
  /** the port it listens on (the one asked for, or the one the system gave for port 0) */
  port: number;
  close(): Promise<void>;
}

/** Larger request bodies are refused (413) before Prism reads them. */
export const maxBodyBytes = 1024 * 1024;
const knownMethods = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']);

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function startFront(options: FrontOptions): Promise<Front> {
  const { doc } = options;
  // Stryker disable next-line ObjectLiteral,BooleanLiteral: reusing connections to Prism saves time; every answer is the same
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const refuse = (res: ServerResponse, operation: ContractOperation | undefined, { status, message }: Problem) =>
    send(res, status, errorBody(doc, operation, status, message));

  function forward(req: IncomingMessage, res: ServerResponse, body: Buffer, operation: ContractOperation | undefined): void {
    const claimed = options.state?.claim(req, body);
    // Stryker disable next-line StringLiteral: no host is localhost, the same loopback Prism listens on here
    const upstream = request({ host: '127.0.0.1', port: options.upstreamPort, method: req.method, path: req.url, headers: req.headers, agent }, (answer) => {
      // Prism validated the request; on its success the state answers instead (src/state/layer.ts)
      if (claimed?.(answer, res)) return;
      const status = answer.statusCode ?? 502;
      const violations = answer.headers['sl-violations'] as string | undefined;
      const problemJson = /problem\+json/i.test(String(answer.headers['content-type'] ?? ''));
      if (status < 400 || (!violations && !problemJson)) {
        res.writeHead(status, answer.headers);
        answer.pipe(res);
        return;
      }
      // Prism's own refusal: in the API's words, with Prism's reasons as the message
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () => {
        // the reasons always travel in `sl-violations` too, whichever way Prism gave them
        const reasons = violationsOf(violations, problemJson ? Buffer.concat(chunks).toString('utf8') : undefined);
        // Stryker disable next-line StringLiteral: Prism always gives a reason; these words are a guard
        const message = reasons.length ? reasonsMessage(reasons) : `the request breaks the contract (HTTP ${status})`;
        send(res, status, errorBody(doc, operation, status, message), reasons.length ? { 'sl-violations': JSON.stringify(reasons) } : {});
      });
    });
    // Prism is gone: the mock is failing (startMock reports the exit), so this port answers nothing
    upstream.on('error', () => res.destroy());
    upstream.end(body);
  }

  /** The mock's own routes (stateful mode's reset) belong to no API, so they need no signature. */
  function receive(req: IncomingMessage, res: ServerResponse, body: Buffer): void {
    if (!options.state?.serveOwnRoute(req, res, req.url!.split('?')[0]!)) verifyThenHandle(req, res, body);
  }

  /** The verifying layer: a request whose signature or token fails is answered by the verifier's refusal. */
  function verifyThenHandle(req: IncomingMessage, res: ServerResponse, body: Buffer): void {
    const { verifier } = options;
    if (!verifier) {
      handle(req, res, body);
      return;
    }
    const received = { method: req.method!, url: req.url!, headers: req.headers, body: body.toString('utf8') };
    verifier.verify(received).then(
      (refusal) => {
        if (!refusal) handle(req, res, body);
        else {
          options.onRefusal?.(refusal.reason);
          send(res, refusal.status, refusal.body);
        }
      },
      (error: unknown) =>
        refuse(res, undefined, { status: 500, message: `the mock could not check the signature (${error instanceof Error ? error.message : String(error)})` }),
    );
  }

  function handle(req: IncomingMessage, res: ServerResponse, body: Buffer): void {
    // Stryker disable next-line StringLiteral: split gives at least the path, and with no "?" any query without "%" is checked the same
    const [path = '/', query = ''] = req.url!.split(/\?(.*)/s);
    const route = routeOf(doc, req.method!, path);
    const problem: Problem | undefined = knownMethods.has(req.method!)
      ? (checkEscapes(path, query, route) ??
        checkJsonBody(req.headers['content-type'], body) ??
        checkPrefer(req.headers.prefer as string | undefined, doc, route.operation))
      : { status: 405, message: `the HTTP method ${req.method} is not supported` };
    if (problem) refuse(res, route.operation, problem);
    else forward(req, res, body, route.operation);
  }

  // the request each connection is on, to keep a refusal of the bytes after it behind its answer
  const exchanges = new WeakMap<Socket, { req: IncomingMessage; res: ServerResponse }>();
  const server = createServer((req, res) => {
    exchanges.set(req.socket, { req, res });
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Stryker disable next-line ConditionalExpression: past the limit the whole body is refused (413); keeping the extra chunks would cost memory only
      if (size <= maxBodyBytes) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > maxBodyBytes) return refuse(res, undefined, { status: 413, message: `the request body is larger than ${maxBodyBytes} bytes` });
      receive(req, res, Buffer.concat(chunks));
    });
    // note: a request only fails when its connection is gone, so there is no one to answer (and
    // without an 'error' listener node:http does not raise one)
  });

  // requests Node's parser refuses never reach the handler: answer them here, in the API's shape
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    const refuseOnWire = () => {
      // a connection reset, or already ended by the answer before, has no one to answer
      // Stryker disable next-line ConditionalExpression,BlockStatement: node:http has destroyed such a connection or will once the answer before is out, and swallows a write to it
      if (!socket.writable) return socket.destroy();
      const [status, message] =
        error.code === 'HPE_HEADER_OVERFLOW'
          ? [431, 'the request line or headers are too large (the query included)']
          : error.code === 'HPE_INVALID_METHOD'
            ? [405, 'the HTTP method is not supported']
            : // Stryker disable next-line StringLiteral: node:http's parse errors all carry a code; this is a guard
              [400, `the request is not valid HTTP (${error.code ?? 'parse error'})`];
      const text = JSON.stringify(errorBody(doc, undefined, status, message));
      socket.end(
        `HTTP/1.1 ${status} Refused\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(text)}\r\nconnection: close\r\n\r\n${text}`,
      );
    };
    // bytes after a whole request (pipelined) are refused once that request is answered, or the
    // caller would read the refusal as its answer; an error inside a request is refused at once
    const before = exchanges.get(socket);
    if (before?.req.complete && !before.res.writableFinished) before.res.once('close', refuseOnWire);
    else refuseOnWire();
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: options.host, port: options.port }, () => {
      // Stryker disable next-line StringLiteral: a settled promise ignores a later reject; this only drops the listener
      server.off('error', reject);
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            agent.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
