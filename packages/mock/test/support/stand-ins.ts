// Local stand-ins for a real service: a server answering each `METHOD path` with fixed bytes
// (to drift from the contract on purpose), and hostile ones that stall, reset, flood or redirect.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { bundledContractPath } from '../../src/contracts.ts';
import { nodeAt } from '../../src/contract-index.js';
import { documentedResponse, operationsOf } from '../../src/proxy/contract-schemas.ts';
import { contractForDrift } from '../../src/proxy/proxy-api.ts';
import type { ApiName } from '../../src/contracts.ts';

export interface StandIn {
  url: string;
  /** requests it received, as `METHOD path` */
  received: string[];
  close(): Promise<void>;
}

/** A server calling `answer` for every request; its connections are cut on close. */
export async function serve(answer: (req: IncomingMessage, res: ServerResponse) => void): Promise<StandIn> {
  const received: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    received.push(`${req.method} ${req.url!.split('?')[0]}`);
    req.resume();
    req.on('end', () => answer(req, res));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export interface Canned {
  status: number;
  /** sent as is */
  body: string;
  contentType?: string;
}

/** A stand-in answering `METHOD path` (no query) from `answers`, anything else 404. */
export function cannedStandIn(answers: Record<string, Canned>): Promise<StandIn> {
  return serve((req, res) => {
    const canned = answers[`${req.method} ${req.url!.split('?')[0]}`];
    if (!canned) return void res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"no such route"}');
    res.writeHead(canned.status, { 'content-type': canned.contentType ?? 'application/json', 'x-stand-in': 'yes' });
    res.end(canned.body);
  });
}

/** The JSON example one operation of a bundled contract documents for a status (its own, or its first named one). */
export function documentedExampleOf(api: ApiName, operationId: string, status: number): any {
  const { doc } = contractForDrift(bundledContractPath(api));
  const operation = operationsOf(doc).find((candidate) => candidate.operationId === operationId)!;
  const { schemaPointer } = documentedResponse(doc, operation, status)!;
  const media = nodeAt(doc, schemaPointer!.replace(/\/schema$/, '')) as { example?: unknown; examples?: Record<string, { value?: unknown }> };
  return structuredClone(media.example ?? Object.values(media.examples ?? {})[0]?.value);
}
