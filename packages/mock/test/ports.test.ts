// How the mock names and probes its ports (src/ports.ts): URL hosts for every address form, and
// a probe that tells a free port from a taken one.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { privatePort, privatePortFloor, probeListen, urlHost } from '../src/ports.ts';

describe('urlHost', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['localhost', 'localhost'],
    ['0.0.0.0', '127.0.0.1'],
    ['::', '[::1]'],
    ['[::]', '[::1]'],
    ['::1', '[::1]'],
    ['[::1]', '[::1]'],
    ['fe80::1', '[fe80::1]'],
  ])('%s appears as %s', (host, shown) => {
    expect(urlHost(host)).toBe(shown);
  });
});

describe('probeListen', () => {
  it('port 0 gives a port the OS picks, which is then free again', async () => {
    const port = await probeListen('127.0.0.1', 0);
    expect(port).toBeGreaterThan(0);
    expect(await probeListen('127.0.0.1', port)).toBe(port);
  });

  it('a port another server holds is refused with EADDRINUSE', async () => {
    const holder = createServer();
    await new Promise<void>((done) => holder.listen({ host: '127.0.0.1', port: 0 }, done));
    const { port } = holder.address() as { port: number };
    try {
      await expect(probeListen('127.0.0.1', port)).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      holder.close();
    }
  });
});

describe('privatePort', () => {
  // what this Linux machine hands out for port 0, read from the kernel's own setting
  const [osLow] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);

  it('draws a free port below the range the OS hands out for "any port"', async () => {
    const drawn = await Promise.all(Array.from({ length: 50 }, () => privatePort('127.0.0.1', new Set())));
    for (const port of drawn) {
      expect(port).toBeGreaterThanOrEqual(privatePortFloor);
      expect(port).toBeLessThan(osLow!);
    }
    expect(await probeListen('127.0.0.1', drawn[0]!)).toBe(drawn[0]);
  });
});
