// Prism's private ports are picked free a moment before Prism binds them: a port another process
// takes in between must not fail the start. Real Prism processes, a real listener on the port.
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { bundledContractPath } from '../src/index.ts';
import type { PrismProcess } from '../src/prism.ts';
import { startAttempts, startPrisms } from '../src/prism-start.ts';
import { probeListen } from '../src/ports.ts';

const apis = ['huawei-vbs', 'alibaba-hbr'] as const;
const listeners: Server[] = [];
let spawned: PrismProcess[] = [];
afterAll(async () => {
  await Promise.all(spawned.map((prism) => prism.stop()));
  for (const listener of listeners) listener.close();
});

/** A port some other process holds for the whole test. */
async function takenPort(): Promise<number> {
  const listener = createServer();
  listeners.push(listener);
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  return (listener.address() as { port: number }).port;
}

/** A port another HTTP server holds for the whole test, answering every request 200 (as a test's stand-in would). */
async function answeredPort(): Promise<{ port: number; seen: string[] }> {
  const seen: string[] = [];
  const listener = createHttpServer((request, response) => {
    seen.push(`${request.method} ${request.url}`);
    response.setHeader('access-control-allow-origin', '*');
    response.end('{}');
  });
  listeners.push(listener);
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  return { port: (listener.address() as { port: number }).port, seen };
}

function start(pickPort: () => Promise<number>) {
  const contracts = Object.fromEntries(apis.map((api) => [api, bundledContractPath(api)])) as Record<(typeof apis)[number], string>;
  return startPrisms({
    contracts,
    urls: { 'huawei-vbs': 'http://front-a', 'alibaba-hbr': 'http://front-b' },
    shownPorts: { 'huawei-vbs': 1, 'alibaba-hbr': 2 },
    dynamic: false,
    errors: false,
    onLog: undefined,
    readyTimeoutMs: 90_000,
    signal: undefined,
    pickPort,
    onSpawn: (processes) => {
      spawned.push(...processes);
    },
  });
}

describe('startPrisms', { timeout: 180_000 }, () => {
  it('a picked port that is taken before Prism binds it is replaced, and the start succeeds', async () => {
    const taken = await takenPort();
    const picks = [taken];
    const { processes, ports } = await start(async () => picks.shift() ?? probeListen('127.0.0.1', 0));
    expect(ports['huawei-vbs']).not.toBe(taken);
    expect(processes.every((prism) => prism.running)).toBe(true);
    // the first attempt's processes were stopped, not left behind
    expect(spawned.filter((prism) => !processes.includes(prism)).every((prism) => !prism.running)).toBe(true);
    await Promise.all(processes.map((prism) => prism.stop()));
  });

  it('another HTTP server answering on a picked port is not taken for Prism: the start moves to new ports', async () => {
    const foreign = await answeredPort();
    const picks = [foreign.port];
    spawned = [];
    const { processes, ports } = await start(async () => picks.shift() ?? probeListen('127.0.0.1', 0));
    // the stand-in was asked, and did answer, yet the mock waited for its own Prism
    expect(foreign.seen.length).toBeGreaterThan(0);
    expect(ports['huawei-vbs']).not.toBe(foreign.port);
    expect(processes.every((prism) => prism.running)).toBe(true);
    await Promise.all(processes.map((prism) => prism.stop()));
  });

  it(`gives up after ${startAttempts} attempts, naming the taken port`, async () => {
    const taken = await takenPort();
    spawned = [];
    const error = await start(async () => taken).catch((reason: unknown) => reason);
    expect(error).toMatchObject({ problem: 'prism-exited', message: expect.stringContaining(`EADDRINUSE: address already in use 127.0.0.1:${taken}`) });
    expect(spawned).toHaveLength(apis.length * startAttempts);
    // each earlier attempt was stopped before the next; the last is the caller's to stop
    expect(spawned.slice(0, -apis.length).filter((prism) => prism.running)).toEqual([]);
  });
});
