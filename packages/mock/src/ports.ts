import { type AddressInfo, createServer } from 'node:net';

/** Resolves with `port` once it can be bound on `host` (port 0: a port the OS picks); rejects with the listen error otherwise. */
export function probeListen(host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ host, port, exclusive: true }, () => {
      // a TCP server's address is an AddressInfo (a string only for pipes)
      const bound = (server.address() as AddressInfo).port;
      server.close(() => resolve(bound));
    });
  });
}

/** How a host appears in a URL (IPv6 in brackets; wildcard addresses as loopback). */
export function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::' || host === '[::]') return '[::1]';
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}
