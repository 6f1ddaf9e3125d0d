import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
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

/** The lowest port the OS hands out for "any port" (port 0) and for outgoing connections. */
function ephemeralPortStart(): number {
  try {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    if (Number.isInteger(low) && low > 0) return low;
  } catch {
    // not Linux: the range IANA reserves for this, which macOS and Windows use
  }
  return 49_152;
}

/** The lowest port a private port is drawn from: above the well-known services' ports. */
export const privatePortFloor = 10_000;

/**
 * A free port on `host` for a private listener that binds it a moment later, not in `taken`.
 * It is drawn below the OS's ephemeral range: a port from there (what port 0 gives) can be handed
 * to any other process that asks for "any port" before the listener binds it, and that process
 * would then answer in the listener's place (a parallel test run starts hundreds of servers).
 */
export async function privatePort(host: string, taken: ReadonlySet<number>): Promise<number> {
  const ceiling = ephemeralPortStart();
  for (let draw = 0; draw < 20 && ceiling > privatePortFloor; draw++) {
    const port = randomInt(privatePortFloor, ceiling);
    if (taken.has(port)) continue;
    try {
      return await probeListen(host, port);
    } catch (cause) {
      const code = (cause as NodeJS.ErrnoException).code;
      if (code !== 'EADDRINUSE' && code !== 'EACCES') throw cause;
    }
  }
  // note: no free port below the range after 20 draws (or no such range): any port the OS picks
  for (;;) {
    const port = await probeListen(host, 0);
    if (!taken.has(port)) return port;
  }
}
