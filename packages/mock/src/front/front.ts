// The front: owns an API's public port and forwards to its Prism process on a private one. Each
// request goes down one ordered list of small steps until one answers: stateful mode's reset
// route, the signature check (verifying mode), the front's own checks (whatever Prism would crash
// on, hang on or answer badly), stateful mode's claim, and Prism (or, in proxy mode, the upstream). A request an http.Server hands
// over always has its method and url (hence `req.method!`, `req.url!`).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { SignatureVerifier } from '@cloud-backup-contracts/client';
import type { ContractIndex } from '../contract-index.js';
import { errorBody } from '../error-body.js';
import { type Exchange, type Handler, refuse, send } from '../exchange.js';
import { createRouter } from '../router.js';
import type { StateLayer } from '../state/layer.js';
import { frontChecks } from './checks.js';
import { prismProxy } from './prism-proxy.js';

export interface FrontOptions {
  /** the contract as read for error shapes, routes and `Prefer` checks; without it refusals are `{ message }` */
  contract: ContractIndex | undefined;
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
  /** proxy mode: forwards to the real service (src/proxy/forward.ts) in place of Prism */
  proxy?: { forward: Handler; close(): void } | undefined;
}

export interface Front {
  /** the port it listens on (the one asked for, or the one the system gave for port 0) */
  port: number;
  close(): Promise<void>;
}

/** Larger request bodies are refused (413) before Prism reads them. */
export const maxBodyBytes = 1024 * 1024;

/** The verifying mode's step: a request whose signature or token fails is answered by the verifier's refusal. */
function signatureCheck(verifier: SignatureVerifier, onRefusal: ((reason: string) => void) | undefined): Handler {
  return async (exchange) => {
    const { req, res, body } = exchange;
    try {
      const refusal = await verifier.verify({ method: req.method!, url: req.url!, headers: req.headers, body: body.toString('utf8') });
      if (!refusal) return false;
      onRefusal?.(refusal.reason);
      send(res, refusal);
    } catch (error) {
      refuse(exchange, 500, `the mock could not check the signature (${error instanceof Error ? error.message : String(error)})`, undefined);
    }
    return true;
  };
}

export function startFront(options: FrontOptions): Promise<Front> {
  const { contract, state, verifier } = options;
  const route = createRouter(contract);
  const prism = prismProxy(options.upstreamPort);
  // the request path, in order; a step whose mode is off is left out
  const steps = [
    state?.serveReset, // the mock's own route needs no signature
    verifier && signatureCheck(verifier, options.onRefusal),
    ...frontChecks,
    state?.claim, // stateful mode answers once Prism has validated
    options.proxy?.forward ?? prism.forward,
  ].filter((step): step is Handler => step !== undefined);

  async function handle(exchange: Exchange): Promise<void> {
    for (const step of steps) if (await step(exchange)) return;
  }

  function receive(req: IncomingMessage, res: ServerResponse, body: Buffer): void {
    const [path = '/', query = ''] = req.url!.split(/\?(.*)/s);
    const exchange = { req, res, body, path, query, route: route(req.method!, path), contract };
    // a step that throws is a bug of the mock's: the caller gets a 500 in the API's shape, and the mock stays up
    handle(exchange).catch((error: unknown) => {
      if (res.headersSent) return void res.destroy();
      refuse(exchange, 500, `the mock failed on this request (${error instanceof Error ? error.message : String(error)})`, undefined);
    });
  }

  // the request each connection is on, to keep a refusal of the bytes after it behind its answer
  const exchanges = new WeakMap<Socket, { req: IncomingMessage; res: ServerResponse }>();
  const server = createServer((req, res) => {
    exchanges.set(req.socket, { req, res });
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBodyBytes) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > maxBodyBytes)
        return send(res, { status: 413, body: errorBody(contract, undefined, 413, `the request body is larger than ${maxBodyBytes} bytes`) });
      receive(req, res, Buffer.concat(chunks));
    });
    // note: a request only fails when its connection is gone, so there is no one to answer (and
    // without an 'error' listener node:http does not raise one)
  });

  // requests Node's parser refuses never reach the handler: answer them here, in the API's shape
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    const refuseOnWire = () => {
      // a connection reset, or already ended by the answer before, has no one to answer
      if (!socket.writable) return socket.destroy();
      const [status, message] =
        error.code === 'HPE_HEADER_OVERFLOW'
          ? [431, 'the request line or headers are too large (the query included)']
          : error.code === 'HPE_INVALID_METHOD'
            ? [405, 'the HTTP method is not supported']
            : [400, `the request is not valid HTTP (${error.code ?? 'parse error'})`];
      const text = JSON.stringify(errorBody(contract, undefined, status, message));
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
      server.off('error', reject);
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            prism.close();
            options.proxy?.close();
            server.close(() => done());
          }),
      });
    });
  });
}
