// startMock from src/, in-process, past its option checks: one mock with every mode on shows
// what it reports and how its fronts, state and Prism processes are wired and stopped; the
// failures a start can end in are each named, with nothing left running. (A few real Prism
// starts, kept few: a mutation run repeats them for every mutant they cover.)
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type ApiName, bundledContractPath } from '../src/contracts.ts';
import { MockStartError, type RunningMock, type StartMockOptions, startMock } from '../src/start-mock.ts';
import { writeDanglingRefContract } from './support/broken-contract.ts';
import { projectId } from './support/clients.ts';
import { seedRecord } from './support/stateful.ts';
import { freePort, occupy, portIsFree } from './support/cli.ts';

const work = mkdtempSync(join(tmpdir(), 'start-mock-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const anyPorts = { ports: { 'huawei-vbs': 0, 'alibaba-hbr': 0 } };
const count = async (mock: RunningMock, token: string) => {
  const response = await fetch(`${mock.urls['huawei-vbs']}/v2/0605767c3f00d5762fa8c0147ee18d02/os-vendor-backup-sharing/count`, {
    headers: { 'x-auth-token': token },
  });
  return [response.status, await response.json()];
};

/** The --dynamic and --errors flags each Prism was started with, read from its command line (the same for both). */
const prismFlags = (mock: RunningMock) => {
  const [huawei, alibaba] = (['huawei-vbs', 'alibaba-hbr'] as const).map((api) =>
    execFileSync('ps', ['-o', 'args=', '-p', String(mock.pids[api])], { encoding: 'utf8' })
      .split(/\s+/)
      .filter((arg) => arg === '--dynamic' || arg === '--errors'),
  );
  expect(alibaba).toEqual(huawei);
  return huawei;
};

describe('a contract given with specs', { timeout: 120_000 }, () => {
  it("is read at start: the front's refusals take the error examples it documents", async () => {
    const contract = JSON.parse(readFileSync(bundledContractPath('alibaba-hbr'), 'utf8'));
    // every documented error example of the given contract says where it comes from
    const marked = JSON.stringify(contract).replaceAll('"Code":"', '"Code":"Given.');
    const file = join(work, 'given-alibaba.json');
    writeFileSync(file, marked);
    const mock = await startMock({ ...anyPorts, specs: { 'alibaba-hbr': file }, readyTimeoutMs: 90_000 });
    try {
      const response = await fetch(`${mock.urls['alibaba-hbr']}/?Action=%E0%A4%A`);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ Code: expect.stringMatching(/^Given\./) });
    } finally {
      await mock.stop();
    }
  });
});

describe('a mock with every mode on', { timeout: 120_000 }, () => {
  it('reports its URLs, wires state and verifiers to the fronts, and stops both Prisms when asked', async () => {
    const log: string[] = [];
    const exitListeners = process.listenerCount('exit');
    const mock = await startMock({
      ...anyPorts,
      dynamic: true,
      errors: true,
      stateful: true,
      verifySignatures: true,
      credentials: { 'huawei-vbs': { tokens: ['start-token'] } },
      readyTimeoutMs: 90_000,
      onLog: (api, line) => log.push(`${api} ${line}`),
    });
    try {
      expect(mock.host).toBe('127.0.0.1');
      for (const api of ['huawei-vbs', 'alibaba-hbr'] as const) {
        expect(mock.urls[api]).toBe(`http://127.0.0.1:${mock.ports[api]}`);
        expect(mock.upstreamUrls[api]).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
        expect(mock.upstreamUrls[api]).not.toBe(mock.urls[api]);
        expect(mock.contracts[api]).toBe(bundledContractPath(api));
        expect(mock.pids[api]).toEqual(expect.any(Number));
        expect(mock.exitOf(api)).toBeUndefined();
      }
      expect(mock.ports['huawei-vbs']).not.toBe(mock.ports['alibaba-hbr']);
      expect(prismFlags(mock)).toEqual(['--dynamic', '--errors']);
      // one listener kills the Prisms should this process exit without stopping them
      expect(process.listenerCount('exit')).toBe(exitListeners + 1);
      expect([mock.unverified, mock.withoutCredentials]).toEqual([[], ['alibaba-hbr']]);

      // wired to the fronts, each seen by one request that Prism never sees (the suites of the
      // front, the verifiers and the state test them further, in-process and fast)
      expect(await count(mock, 'other-token')).toEqual([401, expect.objectContaining({ error_code: 'APIG.0301' })]);
      expect(log.filter((line) => line.startsWith('huawei-vbs refused: '))).toHaveLength(1);
      // setCredentials: the keys of later requests (the old token refused, the new one accepted), malformed ones refused naming the field
      mock.setCredentials({ 'huawei-vbs': { tokens: ['rotated-token'] }, 'alibaba-hbr': { aksk: [] } });
      expect(mock.withoutCredentials).toEqual([]);
      expect((await count(mock, 'start-token'))[0]).toBe(401);
      expect((await count(mock, 'rotated-token'))[0]).toBe(200);
      expect(() => mock.setCredentials({ 'huawei-vbs': { tokens: [''] } })).toThrow(
        expect.objectContaining({ problem: 'bad-option', message: expect.stringContaining('credentials["huawei-vbs"].tokens[0]') }),
      );
      expect((await count(mock, 'rotated-token'))[0]).toBe(200);
      mock.setCredentials({ 'huawei-vbs': { tokens: ['start-token'] } });
      expect((await fetch(`${mock.urls['huawei-vbs']}/__mock/reset`, { method: 'POST' })).status).toBe(204);
      // reset() brings back a share the state layer has deleted
      const share = `${mock.urls['huawei-vbs']}/v2/${projectId}/os-vendor-backup-sharing/${seedRecord.id}`;
      const auth = { 'x-auth-token': 'start-token' };
      expect((await fetch(share, { method: 'DELETE', headers: auth })).ok).toBe(true);
      expect((await fetch(share, { headers: auth })).status).toBe(404);
      await mock.reset();
      expect((await fetch(share, { headers: auth })).status).toBe(200);
      // Prism's own log reaches onLog too (its info level, from its start)
      expect(log.some((line) => /^alibaba-hbr \[.*\] › \[CLI\]/.test(line))).toBe(true);
      // stop closes the public ports at once, not when Prism has gone
      const stopping = mock.stop();
      expect(await portIsFree(mock.ports['huawei-vbs'])).toBe(true);
      await stopping;
    } finally {
      await mock.stop();
    }
    const exit = await mock.exited;
    expect(exit).toMatchObject({ expected: true });
    expect(process.listenerCount('exit')).toBe(exitListeners);
    for (const api of ['huawei-vbs', 'alibaba-hbr'] as const) {
      expect(mock.exitOf(api)).toMatchObject({ api, port: mock.ports[api], pid: mock.pids[api], expected: true });
      expect(await portIsFree(mock.ports[api])).toBe(true);
    }
    // a second stop has nothing left to do
    await mock.stop();
  });

  it('a Prism that dies is reported by exited, naming the API, its public port and the signal, and its port closes', async () => {
    const mock = await startMock({ ...anyPorts, readyTimeoutMs: 90_000 });
    try {
      expect(prismFlags(mock)).toEqual([]);
      expect([mock.unverified, mock.withoutCredentials]).toEqual([[], []]);
      expect(mock.exitOf('nope' as ApiName)).toBeUndefined();
      await expect(mock.reset()).resolves.toBeUndefined();
      process.kill(mock.pids['alibaba-hbr']!, 'SIGKILL');
      const exit = await mock.exited;
      expect(exit).toMatchObject({ api: 'alibaba-hbr', code: 137, signal: 'SIGKILL', expected: false });
      expect(exit.message).toBe(`the contract mock (prism alibaba-hbr on :${mock.ports['alibaba-hbr']}) exited with code 137 (SIGKILL)`);
      expect(mock.exitOf('alibaba-hbr')).toBe(exit);
      expect(mock.exitOf('huawei-vbs')).toBeUndefined();
      await expect(fetch(`${mock.urls['alibaba-hbr']}/`)).rejects.toThrow();
      expect(await portIsFree(mock.ports['alibaba-hbr'])).toBe(true);
    } finally {
      await mock.stop();
    }
  });
});

describe('a start that fails is refused with what went wrong, and leaves nothing running', { timeout: 120_000 }, () => {
  const badRef = writeDanglingRefContract(work);

  it('a contract Prism rejects: prism-exited, with Prism’s reason', async () => {
    const port = await freePort();
    const error = await startMock({ ports: { 'huawei-vbs': 0, 'alibaba-hbr': port }, specs: { 'alibaba-hbr': badRef }, readyTimeoutMs: 90_000 }).catch(
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(MockStartError);
    expect(error).toMatchObject({ problem: 'prism-exited', api: 'alibaba-hbr', exit: { code: 1, signal: null, expected: false } });
    expect((error as Error).message).toMatch(
      new RegExp(`^alibaba-hbr: prism exited with code 1 before answering on http://127\\.0\\.0\\.1:${port}: .*Nope.*does not exist`),
    );
    expect(await portIsFree(port)).toBe(true);
  });

  it('a mock that does not answer in time: not-ready, naming the public URL', async () => {
    const port = await freePort();
    const error = await startMock({ ports: { 'huawei-vbs': port, 'alibaba-hbr': 0 }, readyTimeoutMs: 1 }).catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(MockStartError);
    expect(error).toMatchObject({
      problem: 'not-ready',
      message: expect.stringMatching(/^(huawei-vbs|alibaba-hbr): prism did not answer on http:\/\/127\.0\.0\.1:\d+ within 0 s$/),
    });
    expect(await portIsFree(port)).toBe(true);
  });

  it('a mock that does not answer in time stops the Prisms it spawned', async () => {
    // a copy of the contract under a name no other process uses, to find its Prism by
    const contract = join(work, 'not-ready-alibaba.json');
    copyFileSync(bundledContractPath('alibaba-hbr'), contract);
    const error = await startMock({ ...anyPorts, specs: { 'alibaba-hbr': contract }, readyTimeoutMs: 1 }).catch((reason: unknown) => reason);
    expect(error).toMatchObject({ problem: 'not-ready' });
    expect(execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })).not.toContain(contract);
  });

  it('a public port taken while Prism starts: port-in-use, naming the API, port and host', async () => {
    const port = await freePort();
    let release: Promise<() => Promise<void>> | undefined;
    try {
      // Prism's first log line comes before it answers, so the port is taken before the front binds it
      const error = await startMock({
        ports: { 'huawei-vbs': port, 'alibaba-hbr': 0 },
        readyTimeoutMs: 90_000,
        onLog: () => {
          release ??= occupy(port);
        },
      }).catch((reason: unknown) => reason);
      expect(error).toBeInstanceOf(MockStartError);
      expect(error).toMatchObject({ problem: 'port-in-use', api: 'huawei-vbs', message: `huawei-vbs: cannot listen on 127.0.0.1:${port} (EADDRINUSE)` });
    } finally {
      await (await release)?.();
    }
  });

  it.each<[string, StartMockOptions]>([
    ['before the start', { signal: AbortSignal.abort() }],
    ['while Prism starts', { signal: AbortSignal.timeout(300) }],
  ])('aborted %s: aborted', async (_when, options) => {
    const error = await startMock({ ...anyPorts, readyTimeoutMs: 90_000, ...options }).catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(MockStartError);
    expect(error).toMatchObject({ problem: 'aborted', api: undefined, message: 'the start was aborted' });
  });

  it('a port another process holds: port-in-use, naming the API, port and host', async () => {
    const port = await freePort();
    const release = await occupy(port);
    try {
      const error = await startMock({ ports: { 'huawei-vbs': 0, 'alibaba-hbr': port } }).catch((reason: unknown) => reason);
      expect(error).toBeInstanceOf(MockStartError);
      expect(error).toMatchObject({ problem: 'port-in-use', api: 'alibaba-hbr', message: `alibaba-hbr: port ${port} on 127.0.0.1 is already in use` });
    } finally {
      await release();
    }
  });

  it('a host no interface has: port-unavailable, naming the address', async () => {
    const error = await startMock({ host: '203.0.113.1', ports: { 'huawei-vbs': 4999, 'alibaba-hbr': 0 } }).catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(MockStartError);
    expect(error).toMatchObject({ problem: 'port-unavailable', api: 'huawei-vbs', message: 'huawei-vbs: cannot listen on 203.0.113.1:4999 (EADDRNOTAVAIL)' });
  });
});
