import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createProxy } from 'proxy';

/**
 * A real forwarding HTTP proxy (the `proxy` package) on 127.0.0.1 that records each request it
 * carried: `GET http://host/path` for a forwarded one, `CONNECT host:port` for a tunnel.
 */
export async function startRecordingProxy() {
  const carried: string[] = [];
  const server = createServer();
  // registered before the proxy's own listeners, so each request is recorded as it arrives
  server.on('request', (request) => carried.push(`${request.method} ${request.url}`));
  server.on('connect', (request) => carried.push(`CONNECT ${request.url}`));
  createProxy(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    carried,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
