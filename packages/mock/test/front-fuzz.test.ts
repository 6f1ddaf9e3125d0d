// The front in front of Prism, against the real CLI: random bytes, escapes and bodies at every
// path and query slot of every operation, and the mock must neither die nor hang.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killLeftovers, runCli, type CliRun } from './support/cli.ts';
import { type Api, token, validCall } from './support/front-calls.ts';

let cli: CliRun;
const urls: Record<string, string> = {};

beforeAll(async () => {
  cli = runCli(['--port', 'huawei-vbs=0', '--port', 'alibaba-hbr=0', '--errors', '--ready-timeout', '90']);
  const match = await cli.waitFor(/huawei-vbs +(http:\S+)\nalibaba-hbr +(http:\S+)\n/, 100_000);
  urls['huawei-vbs'] = match[1]!;
  urls['alibaba-hbr'] = match[2]!;
}, 120_000);
afterAll(() => {
  cli.child.kill('SIGTERM');
  killLeftovers();
});

// every path and query slot of each operation, with what a fuzzer sends there
const slotValue = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }).map((text) => encodeURIComponent(text)),
  fc.stringMatching(/^(%[0-9A-Fa-f]{0,2}|%[G-Zg-z]{2}|[a-z0-9.~-]){1,8}$/),
  fc.constantFrom('%FF', '%E0%A4', '%zz', '%', '..', '.', '%00', '%2F', '%C0%AF'),
);
const bodyValue = fc.oneof(
  fc.constant(''),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.json({ maxDepth: 2 }).map((json) => json.slice(0, 30)),
);
const operations: { api: Api; method: string; template: string; query: string[] }[] = [
  { api: 'huawei-vbs', method: 'POST', template: '/v2/{project_id}/os-vendor-backup-sharing', query: [] },
  { api: 'huawei-vbs', method: 'GET', template: '/v2/{project_id}/os-vendor-backup-sharing/detail', query: ['name', 'limit', 'offset', 'sort_dir'] },
  { api: 'huawei-vbs', method: 'GET', template: '/v2/{project_id}/os-vendor-backup-sharing/count', query: ['share_to_me', 'name'] },
  { api: 'huawei-vbs', method: 'GET', template: '/v2/{project_id}/os-vendor-backup-sharing/{shared_id}', query: [] },
  { api: 'huawei-vbs', method: 'DELETE', template: '/v2/{project_id}/os-vendor-backup-sharing/{shared_id}', query: ['is_backup_id'] },
  { api: 'alibaba-hbr', method: 'GET', template: '/', query: ['SourceType', 'Action', 'Version'] },
  { api: 'alibaba-hbr', method: 'POST', template: '/', query: ['SourceType'] },
];
const numRuns = Math.max(1_000, Number.parseInt(process.env.FC_NUM_RUNS ?? '', 10) || 0);

describe('random bytes, escapes and bodies in every slot never kill or hang the mock', { timeout: 600_000 }, () => {
  it.each(operations.map((o) => [`${o.method} ${o.api} ${o.template}`, o] as const))('%s', async (_name, { api, method, template, query }) => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(slotValue, { minLength: 2, maxLength: 2 }),
        fc.array(fc.tuple(fc.constantFrom(...query, 'x'), slotValue), { maxLength: 4 }),
        bodyValue,
        async ([first, second], pairs, body) => {
          let n = 0;
          const path = template.replace(/\{[^}]+\}/g, () => (n++ === 0 ? first! : second!));
          const search = pairs.map(([name, value]) => `${name}=${value}`).join('&');
          const withBody = method === 'POST' ? { body, headers: { ...token, 'content-type': 'application/json' } } : { headers: token };
          const response = await fetch(`${urls[api]}${path}${search ? `?${search}` : ''}`, { method, ...withBody, signal: AbortSignal.timeout(10_000) });
          await response.arrayBuffer();
          expect(response.status).toBeLessThan(500);
        },
      ),
      { numRuns },
    );
    expect(cli.child.exitCode).toBeNull();
    expect((await validCall(urls, api)).status).toBe(200);
  });
});
