// The published bin, run as consumers run it, and the fail-fast behaviour of the suite's
// helpers when a Prism process dies.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHuaweiVbsClient } from '@cloud-backup-contracts/client/huawei-vbs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type RunningMock, startMock } from '../src/index.ts';
import { preferFetch, projectId } from './support/clients.ts';
import { writeDanglingRefContract } from './support/broken-contract.ts';
import { freePort, killLeftovers, occupy, portIsFree, runCli } from './support/cli.ts';
import { MockGuard, recordUnexpectedExit, requestTimeoutMs } from './support/mock-guard.ts';

const work = mkdtempSync(join(tmpdir(), 'mock-cli-'));
afterEach(() => killLeftovers());
afterAll(() => rmSync(work, { recursive: true, force: true }));

// note: generous, because several Prism processes may be starting at once on a busy CI machine
const readyTimeout = ['--ready-timeout', '90'];
const urlLines = /huawei-vbs {2}(http:\/\/\S+)\nalibaba-hbr (http:\/\/\S+)\n/;

// the verifying mode's credentials files: a Huawei-only one, and two the CLI must refuse
const huaweiOnlyCredentials = join(work, 'huawei-only.json');
writeFileSync(huaweiOnlyCredentials, JSON.stringify({ 'huawei-vbs': { tokens: ['cli-token'] } }));
const brokenCredentials = join(work, 'broken.json');
writeFileSync(brokenCredentials, '{ "huawei-vbs": { "aksk": [{ "accessKeyId": "AK", "secretAccessKey": "TOPSECRET" ');
const missingSecretCredentials = join(work, 'missing-secret.json');
writeFileSync(missingSecretCredentials, JSON.stringify({ 'huawei-vbs': { aksk: [{ accessKeyId: 'AK' }] } }));

describe('cloud-backup-mock (dist/cli.js)', { timeout: 120_000 }, () => {
  it('prints both URLs, answers on them, and on SIGTERM stops both Prism processes and exits 0', async () => {
    const [huaweiPort, alibabaPort] = [await freePort(), await freePort()];
    // one port from the flag, the other from the environment
    const cli = runCli(['--port', `huawei-vbs=${huaweiPort}`, ...readyTimeout], { MOCK_PORTS: `alibaba-hbr=${alibabaPort}` });
    const [, huaweiUrl, alibabaUrl] = await cli.waitFor(urlLines, 100_000);
    expect(huaweiUrl).toBe(`http://127.0.0.1:${huaweiPort}`);
    expect(alibabaUrl).toBe(`http://127.0.0.1:${alibabaPort}`);

    const count = await fetch(`${huaweiUrl}/v2/${projectId}/os-vendor-backup-sharing/count`, {
      headers: { 'X-Auth-Token': 't' },
      signal: AbortSignal.timeout(requestTimeoutMs),
    });
    expect(count.status).toBe(200);
    expect(await count.json()).toEqual({ count: expect.any(Number) });
    const stats = await fetch(`${alibabaUrl}/?Action=GetBasicStatistics&Version=2017-09-08&SourceType=ECS_FILE&Signature=x`, {
      signal: AbortSignal.timeout(requestTimeoutMs),
    });
    expect(stats.status).toBe(200);
    expect(await stats.json()).toMatchObject({ Success: true, SourceType: 'ECS_FILE' });
    // it stays in the foreground
    expect(cli.child.exitCode).toBeNull();

    cli.child.kill('SIGTERM');
    expect(await cli.exited).toEqual({ code: 0, signal: null });
    expect(await portIsFree(huaweiPort)).toBe(true);
    expect(await portIsFree(alibabaPort)).toBe(true);
  });

  it('exits non-zero naming the API and the port when a port is taken', async () => {
    const [huaweiPort, alibabaPort] = [await freePort(), await freePort()];
    const release = await occupy(alibabaPort);
    try {
      const cli = runCli(['--port', `huawei-vbs=${huaweiPort}`, '--port', `alibaba-hbr=${alibabaPort}`]);
      const { code } = await cli.exited;
      expect(code).toBe(1);
      expect(cli.stderr()).toMatch(new RegExp(`^cloud-backup-mock: alibaba-hbr: port ${alibabaPort} on 127\\.0\\.0\\.1 is already in use.*\\n$`));
      expect(cli.stdout()).toBe('');
      expect(await portIsFree(huaweiPort)).toBe(true);
    } finally {
      await release();
    }
  });

  it('exits non-zero naming the API and the file when a spec file is not valid JSON', async () => {
    const broken = join(work, 'broken.json');
    writeFileSync(broken, '{"openapi": "3.1.0", "info": {"title": "cut short"');
    const cli = runCli(['--port', `huawei-vbs=${await freePort()}`, '--port', `alibaba-hbr=${await freePort()}`, '--spec', `huawei-vbs=${broken}`]);
    expect((await cli.exited).code).toBe(1);
    expect(cli.stderr()).toMatch(/^cloud-backup-mock: huawei-vbs: contract .*broken\.json is not valid JSON \(.+\)\n$/);
  });

  it('exits non-zero naming the API and the file when the spec file is missing (per-API flags in their generic form)', async () => {
    const missing = join(work, 'nowhere.json');
    const cli = runCli(['--port', `huawei-vbs=${await freePort()}`, '--port', `alibaba-hbr=${await freePort()}`, '--spec', `alibaba-hbr=${missing}`]);
    expect((await cli.exited).code).toBe(1);
    expect(cli.stderr()).toContain(`alibaba-hbr: contract ${missing} does not exist`);
  });

  it('exits non-zero with Prism’s reason when Prism rejects a contract, and stops the other Prism', async () => {
    const badRef = writeDanglingRefContract(work);
    const [huaweiPort, alibabaPort] = [await freePort(), await freePort()];
    const cli = runCli(['--port', `huawei-vbs=${huaweiPort}`, '--port', `alibaba-hbr=${alibabaPort}`, '--spec', `alibaba-hbr=${badRef}`, ...readyTimeout]);
    expect((await cli.exited).code).toBe(1);
    expect(cli.stderr()).toMatch(
      new RegExp(`cloud-backup-mock: alibaba-hbr: prism exited with code 1 before answering on http://127\\.0\\.0\\.1:${alibabaPort}: .*Nope.*does not exist`),
    );
    expect(await portIsFree(huaweiPort)).toBe(true);
  });

  it('exits non-zero with a message when a Prism process dies after the start, and stops the other one', async () => {
    const [huaweiPort, alibabaPort] = [await freePort(), await freePort()];
    const cli = runCli(['--port', `huawei-vbs=${huaweiPort}`, '--port', `alibaba-hbr=${alibabaPort}`, '--verbose', ...readyTimeout]);
    const [, pid] = await cli.waitFor(/alibaba-hbr is prism pid (\d+)/, 100_000);
    process.kill(Number(pid), 'SIGKILL');
    expect((await cli.exited).code).toBe(1);
    expect(cli.stderr()).toMatch(
      new RegExp(`cloud-backup-mock: the contract mock \\(prism alibaba-hbr on :${alibabaPort}\\) exited with code 137 \\(SIGKILL\\)`),
    );
    expect(await portIsFree(huaweiPort)).toBe(true);
  });

  // each refusal and its message: args.test.ts; here, that the bin prints one and exits 2
  const badCommandLines: { args: string[]; env: Record<string, string>; says: RegExp }[] = [
    { args: [], env: { MOCK_PORTS: 'huawei-vbs=eighty' }, says: /MOCK_PORTS huawei-vbs must be a port number/ },
    { args: ['--huawei-port', '4101'], env: {}, says: /Unknown option '--huawei-port'/ },
    {
      args: ['--verify-signatures', '--credentials', join(work, 'none.json')],
      env: {},
      says: /--credentials: the credentials file \S+none\.json does not exist/,
    },
    { args: ['--unknown'], env: {}, says: /Unknown option '--unknown'/ },
  ];
  const shown = ({ args, env }: { args: string[]; env: Record<string, string> }) =>
    [...Object.entries(env).map(([k, v]) => `${k}=${v}`), 'cloud-backup-mock', ...args.map((a) => a || "''")].join(' ');

  it.each(badCommandLines.map((line) => [shown(line), line] as const))('refuses `%s` with exit 2 and a clear message', async (_shown, { args, env, says }) => {
    const cli = runCli(args, env);
    expect((await cli.exited).code).toBe(2);
    expect(cli.stderr()).toMatch(says);
    expect(cli.stderr()).toMatch(/^cloud-backup-mock: /);
  });

  it('never prints a credentials file: a broken one is refused without quoting it', async () => {
    const cli = runCli(['--verify-signatures', '--credentials', brokenCredentials]);
    expect((await cli.exited).code).toBe(2);
    expect(cli.stdout() + cli.stderr()).not.toContain('TOPSECRET');
  });

  it('exits 1 naming the field when a credentials file lacks a secret', async () => {
    const cli = runCli(['--verify-signatures', '--credentials', missingSecretCredentials, '--port', 'huawei-vbs=0', '--port', 'alibaba-hbr=0']);
    expect((await cli.exited).code).toBe(1);
    expect(cli.stderr()).toContain('cloud-backup-mock: credentials["huawei-vbs"].aksk[0].secretAccessKey must be a non-empty string');
  });

  it('--verify-signatures: a listed token passes, another is refused, and an API without a section refuses everything', async () => {
    const cli = runCli(['--verify-signatures', '--credentials', huaweiOnlyCredentials, '--port', 'huawei-vbs=0', '--port', 'alibaba-hbr=0', ...readyTimeout]);
    const [, huaweiUrl, alibabaUrl] = await cli.waitFor(urlLines);
    await cli.waitFor(/the credentials have no section for alibaba-hbr, so every request to it is refused/);
    const count = (token: string) => fetch(`${huaweiUrl}/v2/${projectId}/os-vendor-backup-sharing/count`, { headers: { 'X-Auth-Token': token } });
    expect((await count('cli-token')).status).toBe(200);
    const refused = await count('another-token');
    expect([refused.status, ((await refused.json()) as { error_code?: string }).error_code]).toEqual([401, 'APIG.0301']);
    const alibaba = await fetch(
      `${alibabaUrl}/?Action=GetBasicStatistics&Version=2017-09-08&SourceType=ECS_FILE&AccessKeyId=AK&SignatureMethod=HMAC-SHA1&SignatureVersion=1.0&SignatureNonce=n1&Timestamp=${new Date().toISOString().slice(0, 19)}Z&Signature=x`,
    );
    expect([alibaba.status, ((await alibaba.json()) as { Code?: string }).Code]).toEqual([404, 'InvalidAccessKeyId.NotFound']);
    cli.child.kill('SIGTERM');
    expect((await cli.exited).code).toBe(0);
  });

  it('--help prints the usage and exits 0', async () => {
    const cli = runCli(['--help']);
    expect((await cli.exited).code).toBe(0);
    expect(cli.stdout()).toMatch(/^Usage: cloud-backup-mock/);
    // every API of the registry, with its default port, and the one form of each option
    expect(cli.stdout()).toMatch(/huawei-vbs +Huawei VBS API, default port 4010/);
    expect(cli.stdout()).toMatch(/alibaba-hbr +Alibaba HBR API, default port 4011/);
    for (const flag of ['--port <api>=<n>', '--spec <api>=<file>', 'MOCK_PORTS=<api>=<n>']) expect(cli.stdout()).toContain(flag);
    expect(cli.stdout()).not.toMatch(/--huawei|--alibaba|MOCK_HUAWEI|MOCK_ALIBABA/);
  });
});

describe('a contract mock that dies mid-suite fails the suite fast', { timeout: 120_000 }, () => {
  let own: RunningMock | undefined;
  afterAll(async () => {
    await own?.stop();
  });

  it('a call in flight, the calls after it and the raw helper all fail with the exit named', async () => {
    own = await startMock({ ports: { 'huawei-vbs': 0, 'alibaba-hbr': 0 }, errors: true, readyTimeoutMs: 90_000 });
    const running = own;
    const stateFile = join(work, 'exit.json');
    recordUnexpectedExit(running, stateFile);
    const guard = MockGuard.forRunning(running);
    const realFetch = preferFetch(guard);
    let killed = false;
    const client = createHuaweiVbsClient({
      baseUrl: running.urls['huawei-vbs'],
      projectId,
      auth: { type: 'token', token: 't' },
      retry: false,
      timeoutMs: requestTimeoutMs,
      // the Prism process dies while the call is under way: after the client built and signed the request
      fetch: async (input, init) => {
        if (!killed) {
          killed = true;
          process.kill(running.pids['huawei-vbs']!, 'SIGKILL');
        }
        return realFetch(input, init);
      },
    });
    const clear = new RegExp(`^the contract mock \\(prism huawei-vbs on :${running.ports['huawei-vbs']}\\) exited with code 137`);

    await expect(guard.call('huawei-vbs', () => client.countBackupShares({}))).rejects.toThrow(clear);
    expect(killed).toBe(true);
    // the exit is known now: the next call fails before anything is sent
    await expect(guard.call('huawei-vbs', () => client.getBackupShare({ path: { shared_id: 'x' } }))).rejects.toThrow(clear);
    await expect(guard.fetch('huawei-vbs', '/')).rejects.toThrow(clear);
    // and the suite-wide guard, which reads what the global setup records, reports the same
    expect(() => MockGuard.forStateFile(running, stateFile).assertAlive()).toThrow(clear);
    const exit = await running.exited;
    expect(exit).toMatchObject({ api: 'huawei-vbs', code: 137, signal: 'SIGKILL', expected: false });
  });
});
