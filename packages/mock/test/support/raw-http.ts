// What fetch cannot show. A plain node:http request: the Fetch standard turns every 407 response
// into a network error, so a documented 407 is read here instead. And raw bytes on a socket, for
// requests no HTTP client would send.
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Sends a copy of `request` (method, URL, headers and body) and reads the answer whatever its status. */
export async function replay(request: Request, timeoutMs = 5_000): Promise<RawResponse> {
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => (headers[name] = value));
  return sendRaw({ method: request.method, url: request.url, headers, body: Buffer.from(await request.arrayBuffer()) }, timeoutMs);
}

export interface RawRequest {
  method: string;
  /** absolute URL; its path and query are sent byte for byte */
  url: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

/** Sends exactly `request`, however malformed or mis-signed, and reads the answer whatever its status. */
export function sendRaw(request: RawRequest, timeoutMs = 5_000): Promise<RawResponse> {
  const target = new URL(request.url);
  const body = typeof request.body === 'string' || request.body === undefined ? Buffer.from(request.body ?? '', 'utf8') : request.body;
  const headers = { ...request.headers, ...(body.length > 0 ? { 'content-length': String(body.length) } : {}) };
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      { host: target.hostname, port: target.port, method: request.method, path: `${target.pathname}${target.search}`, headers, timeout: timeoutMs },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body: Buffer.concat(chunks).toString('utf8') }));
        incoming.on('error', reject);
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/**
 * Writes raw bytes to the server at `origin` and reads everything it sends until it closes the
 * connection (the socket is not half-closed: node:http drops a request whose caller has ended
 * its side). `then` is written once the first answer has arrived.
 */
export function exchangeOnWire(origin: string, bytes: string, then?: string): Promise<string> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(bytes));
    let text = '';
    socket.on('data', (chunk) => {
      if (text === '' && then) socket.write(then);
      text += chunk.toString();
    });
    socket.on('close', () => resolve(text));
    socket.on('error', reject);
    socket.setTimeout(10_000, () => socket.destroy(new Error('no answer within 10 s')));
  });
}
