// A loopback HTTP relay in front of one mock: the samples are pointed at it, it forwards each
// request unchanged to the mock and records what came back, so a test sees the status and body
// every sample really got, whichever language sent it.
import { createServer, request as httpRequest } from 'node:http';

export interface Exchange {
  method: string;
  url: string;
  status: number;
  /** the request's `Prefer` header: a page may ask the mock for a documented error on purpose */
  prefer?: string | undefined;
  body: string;
}

export interface RecordingRelay {
  /** `http://127.0.0.1:<port>`, no trailing slash, as the samples write origins */
  origin: string;
  /** every exchange so far, in order; empty it between samples */
  exchanges: Exchange[];
  close(): Promise<void>;
}

export async function startRelay(target: string): Promise<RecordingRelay> {
  const upstream = new URL(target);
  const exchanges: Exchange[] = [];
  const server = createServer((incoming, outgoing) => {
    const forwarded = httpRequest(
      { host: upstream.hostname, port: upstream.port, method: incoming.method, path: incoming.url, headers: { ...incoming.headers, host: upstream.host } },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          const body = Buffer.concat(chunks);
          exchanges.push({
            method: incoming.method ?? '',
            url: incoming.url ?? '',
            status: answer.statusCode ?? 0,
            prefer: incoming.headers.prefer?.toString(),
            body: body.toString('utf8'),
          });
          const headers = { ...answer.headers };
          delete headers['transfer-encoding'];
          outgoing.writeHead(answer.statusCode ?? 502, { ...headers, 'content-length': String(body.length) });
          outgoing.end(body);
        });
      },
    );
    forwarded.on('error', (error) => {
      exchanges.push({ method: incoming.method ?? '', url: incoming.url ?? '', status: 502, body: `relay: ${error.message}` });
      outgoing.writeHead(502).end();
    });
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the relay has no TCP address');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    exchanges,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
