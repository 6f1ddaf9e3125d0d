// The public packages as a consuming team gets them: packed, installed with npm into a project
// outside the workspace, type-checked strictly, run against the installed mock on every supported
// Node line, and bundled for the browser.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { startRecordingProxy } from '@cloud-backup-contracts/testkit/recording-proxy';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bundleForBrowser } from '../src/browser-bundle.js';
import { browserEntries } from '../src/browser-entries.js';
import { consumerEnv } from '../src/child-env.js';
import { commonjsTsconfig, consumerTsconfigs, tscArgs, writeCommonjsTsconfig, writeConsumerTsconfigs } from '../src/consumer-tsconfigs.js';
import { contractOperations, expectedCallLabels } from '../src/contract-operations.js';
import { startInstalledMock } from '../src/installed-mock.js';
import { ensureNodeBinary } from '../src/node-binaries.js';
import { nodeLines } from '../src/node-lines.js';
import { packedManifest, packPublicPackages, type Tarballs, unpublishableRanges } from '../src/packed-packages.js';
import { timed } from '../src/phase-timer.js';
import { commonjsProgram, consumerProgram, publicPackages } from '../src/repo.js';
import { describeResult, runChecked, runCommand } from '../src/run-command.js';
import { consumerTools, copyIntoProject, createThrowawayProject, npmInstall, removeThrowawayProject } from '../src/throwaway-project.js';

const startedAt = performance.now();
// every public entry point, in the order the CommonJS program requires them
const commonjsEntries = [
  '@cloud-backup-contracts/client',
  '@cloud-backup-contracts/client/huawei-vbs',
  '@cloud-backup-contracts/client/alibaba-hbr',
  '@cloud-backup-contracts/mock',
  '@cloud-backup-contracts/types/huawei-vbs',
  '@cloud-backup-contracts/types/alibaba-hbr',
];
let project: string | undefined;
let tarballs: Tarballs;
let programJs = '';
let commonjsJs = '';
// the project is kept for inspection when anything failed
let failed = false;

function projectDir(): string {
  if (project === undefined) throw new Error('the throwaway project was not created (see the beforeAll error)');
  return project;
}

beforeAll(async () => {
  try {
    const dir = (project = createThrowawayProject());
    tarballs = await timed('pack the three packages', () => packPublicPackages(join(dir, 'tarballs')));
    await timed('npm install of the tarballs and the consumer tools', () => npmInstall(dir, [...Object.values(tarballs), ...consumerTools]));
    const entry = copyIntoProject(dir, consumerProgram);
    programJs = entry.replace(/\.ts$/, '.js');
    writeConsumerTsconfigs(dir, entry);
    const commonjsEntry = copyIntoProject(dir, commonjsProgram);
    commonjsJs = commonjsEntry.replace(/\.cts$/, '.cjs');
    writeCommonjsTsconfig(dir, commonjsEntry);
  } catch (error) {
    failed = true;
    throw error;
  }
});

beforeEach(({ onTestFailed }) => {
  onTestFailed(() => {
    failed = true;
  });
});

afterAll(() => {
  if (project !== undefined && failed) console.log(`[consumer-test] a test failed; the throwaway project is kept at ${project}`);
  else if (project !== undefined) removeThrowawayProject(project);
  console.log(`[consumer-test] total: ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);
});

describe('the packed tarballs', () => {
  it.each(Object.keys(publicPackages) as (keyof Tarballs)[])('%s has no workspace: or catalog: range left in its package.json', (name) => {
    expect(unpublishableRanges(packedManifest(tarballs[name])), `${tarballs[name]} would not install outside the workspace`).toEqual([]);
  });

  it('declare as their engines floor the first Node line the consumer test runs', () => {
    const floors = Object.values(tarballs).map((tarball) => packedManifest(tarball).engines?.node);
    expect(new Set(floors)).toEqual(new Set([`>=${nodeLines[0]!.version}`]));
  });
});

describe('on each supported Node line', () => {
  const expectedLabels = expectedCallLabels(contractOperations());

  it.each(nodeLines)(
    'on Node $version ($why) the installed mock serves the strict consumer program',
    async ({ version }) => {
      const dir = projectDir();
      const node = await timed(`Node ${version}: binary (install or reuse)`, () => ensureNodeBinary(version));
      expect((await runChecked(node, ['--version'], { cwd: dir })).stdout.trim()).toBe(`v${version}`);
      const env = consumerEnv({ pathFirst: dirname(node) });

      const outDir = join('out', `node-${version}`);
      for (const config of consumerTsconfigs) {
        const result = await timed(`Node ${version}: tsc ${config.name}`, () => runCommand(node, tscArgs(dir, config, outDir), { cwd: dir, env }));
        expect(result.code, `tsc on Node ${version} reported errors:\n${describeResult(result)}`).toBe(0);
      }

      const mock = await timed(`Node ${version}: start the installed mock`, () => startInstalledMock(dir, node));
      try {
        // each API's mock URL as <API_NAME>_URL, e.g. HUAWEI_VBS_URL, which fixture/consumer.ts reads
        const urls = Object.fromEntries(Object.entries(mock.urls).map(([api, url]) => [`${api.toUpperCase().replace(/-/g, '_')}_URL`, url]));
        const run = await timed(`Node ${version}: run the program`, () =>
          runCommand(node, [join(dir, outDir, programJs)], { cwd: dir, env: consumerEnv({ pathFirst: dirname(node), extra: urls }) }),
        );
        expect(run.code, `the consumer program failed on Node ${version}:\n${describeResult(run)}\n--- mock output ---\n${mock.output()}`).toBe(0);
        const printed = run.stdout
          .split('\n')
          .filter((line) => line.startsWith('ok '))
          .map((line) => line.split(' ')[1]);
        expect(printed.sort(), `one "ok <operation>" line per call expected:\n${run.stdout}`).toEqual([...expectedLabels].sort());

        // a CommonJS TypeScript project: its imports compile to require() of every public entry point
        const cjs = await timed(`Node ${version}: tsc commonjs`, () => runCommand(node, tscArgs(dir, commonjsTsconfig, outDir), { cwd: dir, env }));
        expect(cjs.code, `tsc (CommonJS) on Node ${version} reported errors:\n${describeResult(cjs)}`).toBe(0);
        const commonjsFile = join(dir, outDir, commonjsJs);
        expect(readFileSync(commonjsFile, 'utf8')).toContain('require("@cloud-backup-contracts/client/huawei-vbs")');
        const required = await timed(`Node ${version}: run the CommonJS program`, () =>
          runCommand(node, [commonjsFile], { cwd: dir, env: consumerEnv({ pathFirst: dirname(node), extra: urls }) }),
        );
        expect(required.code, `the CommonJS program failed on Node ${version}:\n${describeResult(required)}`).toBe(0);
        expect(required.stdout.split('\n').filter((line) => line.startsWith('ok '))).toEqual([
          ...commonjsEntries.map((entry) => `ok require ${entry}`),
          'ok call countBackupShares 2',
          'ok call getBasicStatistics true',
        ]);

        // Node's own proxy support: every request goes through the proxy, to hosts only it can reach
        if (Number(version.split('.')[0]) >= 24) {
          const proxy = await startRecordingProxy({ hosts: Object.fromEntries(Object.keys(mock.urls).map((api) => [`${api}.mock.invalid`, '127.0.0.1'])) });
          try {
            const viaProxy = Object.fromEntries(
              Object.entries(urls).map(([name, url]) => [
                name,
                url.replace('127.0.0.1', `${name.toLowerCase().replace(/_url$/, '').replace(/_/g, '-')}.mock.invalid`),
              ]),
            );
            const proxyEnv = { NODE_USE_ENV_PROXY: '1', HTTP_PROXY: proxy.url, http_proxy: proxy.url, NO_PROXY: '', no_proxy: '' };
            const proxied = await timed(`Node ${version}: run the program through HTTP_PROXY`, () =>
              runCommand(node, [join(dir, outDir, programJs)], {
                cwd: dir,
                env: consumerEnv({ pathFirst: dirname(node), extra: { ...viaProxy, ...proxyEnv } }),
              }),
            );
            expect(proxied.code, `the program failed through the proxy on Node ${version}:\n${describeResult(proxied)}`).toBe(0);
            // Node tunnels through the proxy (one CONNECT per connection, several requests each);
            // a request that bypassed it could not have resolved a .invalid host
            expect(proxy.carried.length).toBeGreaterThan(0);
            for (const line of proxy.carried)
              expect(line).toMatch(/^CONNECT (huawei-vbs|alibaba-hbr)\.mock\.invalid:\d+$|^[A-Z]+ http:\/\/(huawei-vbs|alibaba-hbr)\.mock\.invalid:\d+\//);
          } finally {
            await proxy.close();
          }
        }

        const exit = await timed(`Node ${version}: stop the mock`, () => mock.stop());
        expect(exit, `the mock did not exit cleanly on SIGTERM:\n${mock.output()}`).toEqual({ code: 0, signal: null });
      } finally {
        // after a failure above, Prism must not outlive the test
        mock.kill();
      }
      // three tsc runs, two programs and a proxied run: on a loaded 2-core machine, past the default 5 minutes
    },
    12 * 60_000,
  );
});

// `source` is a condition some monorepo setups turn on; it must never reach the package's sources
const bundlerConditions = [
  { conditions: [] as string[], how: "the bundler's default conditions" },
  { conditions: ['source'], how: 'a custom "source" condition turned on' },
];
const browserCases = Object.entries(browserEntries).flatMap(([name, source]) => bundlerConditions.map((variant) => ({ name, source, ...variant })));

describe('browser bundles', () => {
  it.each(browserCases)('the $name client bundles for the browser with $how, without errors or Node built-ins', async ({ name, source, conditions }) => {
    const bundle = await timed(`esbuild ${name} for the browser [${conditions.join(',')}]`, () => bundleForBrowser(projectDir(), name, source, conditions));
    expect(bundle.errors, `esbuild failed to bundle ${name}.browser.js:\n${bundle.errors.join('\n')}`).toEqual([]);
    expect(bundle.nodeImports, 'the metafile records Node built-in imports').toEqual([]);
    expect(bundle.nodeSpecifiersInOutput, 'the bundle text still names Node built-ins').toEqual([]);
    expect(bundle.bytes).toBeGreaterThan(0);
  });
});
