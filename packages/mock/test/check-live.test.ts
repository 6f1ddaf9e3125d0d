// `cloud-backup-mock check-live`, the built bin as a real child process, against local stand-ins
// for the services: the verifying, stateful mock (no drift: exit 0, one listing walked page by
// page), a drifting stand-in (exit 1, each finding printed and written), and bad commands; and
// the bin in proxy mode, whose findings are printed one line each and written on stop.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { killLeftovers, runCli } from './support/cli.ts';
import { projectId } from './support/clients.ts';
import { type Fronts, startFronts } from './support/fronts.ts';
import { cannedStandIn, documentedExampleOf, type StandIn } from './support/stand-ins.ts';

const dir = mkdtempSync(join(tmpdir(), 'check-live-'));
const huaweiKey = { accessKeyId: 'HWLIVEAK', secretAccessKey: 'huawei-live-secret' };
const alibabaKey = { accessKeyId: 'LTAIlive', accessKeySecret: 'alibaba-live-secret' };

/** A credentials file whose `upstream` entries sign with `auth`, per API. */
function credentialsFile(name: string, upstream: Record<string, Record<string, unknown>>): string {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(Object.fromEntries(Object.entries(upstream).map(([api, auth]) => [api, { upstream: auth }]))));
  return file;
}

async function checkLive(args: string[]) {
  const run = runCli(['check-live', ...args]);
  const { code } = await run.exited;
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

describe('against the verifying, stateful mock', () => {
  let upstream: Fronts;
  beforeAll(async () => {
    upstream = await startFronts({ stateful: true, credentials: { 'huawei-vbs': { aksk: [huaweiKey] }, 'alibaba-hbr': { aksk: [alibabaKey] } } });
  });
  afterAll(() => upstream?.close());

  it.each([
    ['huawei-vbs', 'aksk', { type: 'aksk', ...huaweiKey }],
    ['alibaba-hbr', 'acs3', { type: 'acs3', ...alibabaKey }],
    ['alibaba-hbr', 'rpc-v2', { type: 'rpc-v2', ...alibabaKey }],
  ] as const)('%s signed with %s finds no drift and exits 0', async (api, _, auth) => {
    upstream.reset();
    const file = credentialsFile(`clean-${api}-${auth.type}`, { [api]: auth });
    const { code, stdout, stderr } = await checkLive([
      '--api',
      api,
      '--credentials',
      file,
      '--endpoint',
      upstream.urls[api],
      '--param',
      `project_id=${projectId}`,
    ]);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/answers checked, no drift/);
    expect(stdout).not.toMatch(/^drift:/m);
    expect(code).toBe(0);
  });

  it('walks a page listing to its end', async () => {
    upstream.reset();
    const file = credentialsFile('walk', { 'huawei-vbs': { type: 'aksk', ...huaweiKey } });
    const { code, stdout } = await checkLive([
      '--api',
      'huawei-vbs',
      '--credentials',
      file,
      '--endpoint',
      upstream.urls['huawei-vbs'],
      '--param',
      'limit=1',
      '--param',
      'share_to_me=true',
    ]);
    // the seed shares one backup with the project: a full first page, then an empty one that ends the walk
    expect(stdout).toMatch(/GET \S+\/detail \(page 1\)/);
    expect(stdout).toMatch(/GET \S+\/detail \(page 2\)/);
    expect(stdout).not.toMatch(/\(page 3\)/);
    expect(code).toBe(0);
  });
});

describe('against a drifting stand-in', () => {
  let standIn: StandIn;
  beforeAll(async () => {
    const listed = documentedExampleOf('huawei-vbs', 'listBackupShareDetails', 200);
    const shares = `/v2/${projectId}/os-vendor-backup-sharing`;
    standIn = await cannedStandIn({
      [`GET ${shares}/detail`]: {
        status: 200,
        body: JSON.stringify({ ...listed, shared: listed.shared.map((share: object) => ({ ...share, replica_zone: 'az-2' })) }),
      },
      [`GET ${shares}/count`]: { status: 200, body: '{"count":"2"}' },
    });
  });
  afterAll(() => standIn?.close());

  it('prints each finding once, writes the report and exits 1', async () => {
    const file = credentialsFile('drifting', { 'huawei-vbs': { type: 'token', token: 'live-token-secret' } });
    const report = join(dir, 'drift-report.json');
    const { code, stdout } = await checkLive(['--api', 'huawei-vbs', '--credentials', file, '--endpoint', standIn.url, '--report', report]);
    const lines = stdout.split('\n').filter((line) => line.startsWith('drift: '));
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringContaining('listBackupShareDetails 200 undocumented-field /shared/0/replica_zone'),
        expect.stringContaining('countBackupShares 200 wrong-type /count'),
        // the stand-in knows no such share: its 404 is not in the documented error shape
        expect.stringContaining('getBackupShare 404 error-shape'),
      ]),
    );
    expect(new Set(lines).size).toBe(lines.length);
    const written = JSON.parse(readFileSync(report, 'utf8'));
    expect(written.findings).toHaveLength(lines.length);
    expect(readFileSync(report, 'utf8')).not.toContain('live-token-secret');
    expect(code).toBe(1);
  });
});

describe('a command it cannot run', () => {
  const file = credentialsFile('usage', { 'huawei-vbs': { type: 'token', token: 't' } });
  it.each([
    ['without --api', 2, ['--credentials', file, '--region', 'cn-north-4'], /check-live needs --api/],
    [
      'with both --region and --endpoint',
      2,
      ['--api', 'huawei-vbs', '--credentials', file, '--region', 'r', '--endpoint', 'https://x'],
      /--region <id> or --endpoint/,
    ],
    [
      'with a page size that is not a number',
      2,
      ['--api', 'huawei-vbs', '--credentials', file, '--region', 'cn-north-4', '--param', 'limit=abc'],
      /--param limit must be a whole number of at least 1, got "abc"/,
    ],
    [
      'with an http:// endpoint off this machine',
      1,
      ['--api', 'huawei-vbs', '--credentials', file, '--endpoint', 'http://vbs.example.com'],
      /must be an https:\/\/ URL/,
    ],
    [
      'without the upstream keys for the API',
      1,
      ['--api', 'alibaba-hbr', '--credentials', file, '--region', 'cn-hangzhou'],
      /\["alibaba-hbr"\]\.upstream is required/,
    ],
    [
      'with an entry missing its secret',
      1,
      ['--api', 'huawei-vbs', '--credentials', credentialsFile('bad', { 'huawei-vbs': { type: 'aksk', accessKeyId: 'AK' } }), '--region', 'r'],
      /upstream\.secretAccessKey/,
    ],
  ])('%s says why and exits %i', async (_, exit, args, message) => {
    const { code, stderr } = await checkLive(args as string[]);
    expect(stderr).toMatch(message);
    expect(code).toBe(exit);
  });
});

describe('the bin in proxy mode', { timeout: 120_000 }, () => {
  afterEach(() => killLeftovers());

  it('refuses to start on a host other machines reach without --verify-signatures, naming both options', async () => {
    const file = credentialsFile('proxy-open', { 'huawei-vbs': { type: 'token', token: 'open-relay-secret' } });
    const cli = runCli(['--proxy', 'huawei-vbs=https://vbs.example.com', '--credentials', file, '--host', '0.0.0.0']);
    // a proxy that starts anyway says so at once, rather than leaving the test to wait for an exit
    const started = await cli.waitFor(/huawei-vbs\s+http:/, 100_000).then(
      () => true,
      () => false,
    );
    expect(started).toBe(false);
    expect((await cli.exited).code).toBe(1);
    expect(cli.stderr()).toMatch(/proxy on host 0\.0\.0\.0, not a loopback address, needs verifySignatures \(--verify-signatures\)/);
    expect(cli.stderr()).not.toContain('open-relay-secret');
  });

  it('relays the answer, prints each finding once as one line and leaves the JSON report on stop', async () => {
    const standIn = await cannedStandIn({ [`GET /v2/${projectId}/os-vendor-backup-sharing/count`]: { status: 200, body: '{"count":"2"}' } });
    try {
      const file = credentialsFile('proxy-bin', { 'huawei-vbs': { type: 'token', token: 'bin-token-secret' } });
      const report = join(dir, 'proxy-bin-report.json');
      const cli = runCli([
        '--proxy',
        `huawei-vbs=${standIn.url}`,
        '--credentials',
        file,
        '--report',
        report,
        '--port',
        'huawei-vbs=0',
        '--port',
        'alibaba-hbr=0',
        '--ready-timeout',
        '90',
      ]);
      const [, url] = await cli.waitFor(/huawei-vbs\s+(http:\S+)/, 100_000);
      for (let round = 0; round < 3; round++) {
        const answer = await fetch(`${url}/v2/${projectId}/os-vendor-backup-sharing/count`, { headers: { 'x-auth-token': 'caller' } });
        expect(await answer.text()).toBe('{"count":"2"}');
      }
      await cli.waitFor(/drift: huawei-vbs countBackupShares 200 wrong-type \/count/);
      cli.child.kill('SIGTERM');
      expect((await cli.exited).code).toBe(0);
      expect(cli.stderr().match(/^drift: /gm)).toHaveLength(1);
      const written = JSON.parse(readFileSync(report, 'utf8'));
      expect(written).toMatchObject({ answersChecked: 3, findings: [{ operation: 'countBackupShares', kind: 'wrong-type', pointer: '/count' }] });
      expect(readFileSync(report, 'utf8') + cli.stderr()).not.toContain('bin-token-secret');
    } finally {
      await standIn.close();
    }
  });
});
