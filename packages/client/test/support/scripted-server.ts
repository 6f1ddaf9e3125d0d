import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach } from 'vitest';

export interface ReceivedRequest {
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  body: string;
}

/** How the server answers one request: a canned reply, or a hand-written handler. */
export type Reply =
  | { status: number; body?: unknown; headers?: Record<string, string>; delayMs?: number }
  | ((request: ReceivedRequest, response: ServerResponse) => void);

/**
 * A real HTTP server on 127.0.0.1 that answers from a script, one reply per request in order,
 * and records what it received. Requests past the script get a 599 so tests notice them.
 */
export async function startScriptedServer() {
  const script: Reply[] = [];
  const received: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request: ReceivedRequest = {
        method: req.method!,
        url: new URL(req.url!, 'http://127.0.0.1'),
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      received.push(request);
      const reply = script.shift() ?? { status: 599, body: { unexpected: true } };
      if (typeof reply === 'function') return reply(request, res);
      const send = () => {
        const text = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
        res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
        res.end(text);
      };
      if (reply.delayMs) setTimeout(send, reply.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    received,
    /** queue replies for the next requests */
    reply(...replies: Reply[]) {
      script.push(...replies);
    },
    reset() {
      script.length = 0;
      received.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type ScriptedServer = Awaited<ReturnType<typeof startScriptedServer>>;

/** Ends the connection without any response, as a dropped network would. */
export const dropConnection: Reply = (_request, response) => response.socket?.destroy();

/** One scripted server for the calling test file: started before all, reset before each test. */
export function useScriptedServer(): ScriptedServer {
  const handle = {} as ScriptedServer;
  beforeAll(async () => {
    Object.assign(handle, await startScriptedServer());
  });
  beforeEach(() => handle.reset());
  afterAll(() => handle.close());
  return handle;
}
