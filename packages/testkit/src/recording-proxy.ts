import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createProxy } from 'proxy';

/**
 * A real forwarding HTTP proxy (the `proxy` package) on 127.0.0.1 that records each request it
 * carried: `GET http://host/path` for a forwarded one, `CONNECT host:port` for a tunnel (which
 * may then carry several requests over one connection).
 * `hosts` maps names only the proxy knows (e.g. `huawei.mock.invalid`) to real hosts, so a
 * request that bypassed the proxy could not even connect.
 */
export async function startRecordingProxy({ hosts = {} }: { hosts?: Record<string, string> } = {}) {
  const carried: string[] = [];
  const server = createServer();
  // registered before the proxy's own listeners, so each request is recorded (and its host
  // mapped) before it is forwarded
  server.on('request', (request) => {
    carried.push(`${request.method} ${request.url}`);
    const target = URL.canParse(request.url ?? '') ? new URL(request.url!) : undefined;
    const mapped = target && hosts[target.hostname];
    if (target && mapped) {
      target.hostname = mapped;
      request.url = target.href;
    }
  });
  server.on('connect', (request) => {
    carried.push(`CONNECT ${request.url}`);
    const [host, port] = (request.url ?? '').split(':');
    const mapped = host && hosts[host];
    if (mapped) request.url = `${mapped}:${port}`;
  });
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
