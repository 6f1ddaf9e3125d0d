// A third API is a spec folder, a client adapter folder and one registry entry. A copy of this
// workspace gets exactly those three (the fixture in ../fixture), and the copy's own build then
// takes the new API through lint, bundle, types, client methods, the mock and the docs site.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { changedFiles, copyEnv, copyWorkspace, fileHashes, installCopy, runInCopy, turboIn } from '@cloud-backup-contracts/testkit/workspace-copy';
import { workspaceRootAbove } from '@cloud-backup-contracts/testkit/workspace-root';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addThirdApi, placeOf, thirdApi } from '../src/third-api.js';

const root = workspaceRootAbove(import.meta.dirname)!;
let copy: string;
let touched: string[];
let mock: ChildProcess | undefined;
const mockUrls = new Map<string, string>();

const run = (file: string, args: string[], what: string): string => runInCopy(copy, file, args, what);

beforeAll(async () => {
  copy = copyWorkspace(root);
  const before = fileHashes(copy);
  addThirdApi(copy);
  touched = changedFiles(before, fileHashes(copy));

  installCopy(copy);
  run(process.execPath, [turbo(), ...buildArgs], 'turbo run build');
});

/** A task of `turbo run --dry=json`; `<NONEXISTENT>` marks a package without that script. */
interface DryTask {
  taskId: string;
  command: string;
  cache: { status: string };
}

const turbo = () => turboIn(copy);
const buildArgs = [
  'run',
  'build',
  ...['@cloud-backup-contracts/client', '@cloud-backup-contracts/mock', '@cloud-backup-contracts/docs'].map((name) => `--filter=${name}`),
  '--cache-dir',
  '.turbo/cache',
];

afterAll(async () => {
  mock?.kill('SIGTERM');
  if (mock && mock.exitCode === null) await new Promise((resolve) => mock!.once('exit', resolve));
  if (copy) rmSync(copy, { recursive: true, force: true });
});

describe('a third API added as a folder, an adapter and a registry entry', () => {
  it('is built once: after the cold build, every build task of the next run is a cache hit', () => {
    // a task whose inputs include what `generate` writes during the run gets another hash next
    // time, so `npm start`'s build-then-serve would build it twice
    // first among the tests: the later ones add files to the copy's packages
    const dry = spawnSync(process.execPath, [turbo(), ...buildArgs, '--dry=json'], {
      cwd: copy,
      env: copyEnv(),
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(dry.status, dry.stderr).toBe(0);
    const tasks = (JSON.parse(dry.stdout).tasks as DryTask[]).filter((task) => task.command !== '<NONEXISTENT>');
    expect(tasks.map((task) => task.taskId)).toContain('@cloud-backup-contracts/client#build');
    expect(tasks.filter((task) => task.cache.status !== 'HIT').map((task) => task.taskId)).toEqual([]);
  });

  it('touches three places at most: its spec folder, its adapter folder and the registry', () => {
    const places = [...new Set(touched.map(placeOf))];
    console.log(
      `third API: ${touched.length} files in ${places.length} places:\n${places.map((place) => `  ${place} (${touched.filter((file) => placeOf(file) === place).length} files)`).join('\n')}`,
    );
    expect(places.sort()).toEqual([...thirdApi.places].sort());
    expect(places.length).toBeLessThanOrEqual(3);
  });

  it('is linted and bundled with the others', () => {
    const bundle = JSON.parse(readFileSync(join(copy, 'spec', thirdApi.name, 'dist', 'openapi.json'), 'utf8'));
    expect(Object.keys(bundle.paths)).toEqual(['/v1/{tenant}/widgets/{widget_id}']);
    // the lint is the bundle's first step; run alone it names the new API clean
    const lint = run(process.execPath, [join(copy, 'scripts', 'lint-spec.mjs'), thirdApi.name], 'lint-spec');
    expect(lint).toContain(`lint-spec: ${thirdApi.name} is clean`);
  });

  it('gets a types entry point with its operations', () => {
    const types = readFileSync(join(copy, 'packages', 'types', 'dist', `${thirdApi.name}.d.ts`), 'utf8');
    expect(types).toContain('getWidget');
    expect(types).toMatch(/export type Widget = /);
  });

  it('gets typed client methods: the tenant the contract marks x-client-filled is not an input', () => {
    const clientDir = join(copy, 'packages', 'client');
    writeFileSync(
      join(clientDir, 'proof-usage.ts'),
      [
        `import { createDemoWidgetsClient } from '@cloud-backup-contracts/client/${thirdApi.name}';`,
        `const client = createDemoWidgetsClient({ baseUrl: 'http://127.0.0.1:9', tenant: 't-100', apiKey: 'key' });`,
        'export async function use(): Promise<string | undefined> {',
        `  const { data } = await client.getWidget({ path: { widget_id: 'w-1' } });`,
        '  // @ts-expect-error the client fills the tenant in',
        `  await client.getWidget({ path: { widget_id: 'w-1', tenant: 't-2' } });`,
        '  // @ts-expect-error no such operation in the contract',
        '  await client.deleteWidget;',
        '  return data?.name;',
        '}',
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(clientDir, 'tsconfig.proof.json'),
      JSON.stringify({ extends: './tsconfig.build.json', compilerOptions: { noEmit: true, rootDir: '.' }, include: ['proof-usage.ts'] }),
    );
    run(
      process.execPath,
      [join(clientDir, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(clientDir, 'tsconfig.proof.json')],
      'tsc on a caller of the new client',
    );
  });

  it('is served by the mock on its own port, and the built client calls it', async () => {
    const cli = join(copy, 'packages', 'mock', 'dist', 'cli.js');
    const help = run(process.execPath, [cli, '--help'], 'cloud-backup-mock --help');
    expect(help).toMatch(/demo-widgets +Demo widgets API, default port 4012/);

    // three Prism processes start at once; under the whole `npm test` on 2 cores the default 30 s is short
    const ports = ['--port', 'huawei-vbs=0', '--port', 'alibaba-hbr=0', '--port', `${thirdApi.name}=0`];
    mock = spawn(process.execPath, [cli, ...ports, '--ready-timeout', '80'], { cwd: copy, env: copyEnv() });
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the mock did not print three URLs:\n${output}`)), 90_000);
      const read = (chunk: Buffer) => {
        output += chunk.toString();
        for (const [, api, url] of output.matchAll(/^([a-z-]+)\s+(http:\/\/\S+)\s*$/gm)) mockUrls.set(api!, url!);
        if (mockUrls.size === 3) {
          clearTimeout(timer);
          resolve();
        }
      };
      mock!.stdout!.on('data', read);
      mock!.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      mock!.once('exit', (code) => reject(new Error(`the mock exited with ${code}:\n${output}`)));
    });

    const entry = pathToFileURL(join(copy, 'packages', 'client', 'dist', thirdApi.name, 'index.js')).href;
    const { createDemoWidgetsClient } = await import(entry);
    const client = createDemoWidgetsClient({ baseUrl: mockUrls.get(thirdApi.name), tenant: 't-100', apiKey: 'key', retry: false });
    const { data, error } = await client.getWidget({ path: { widget_id: 'w-1' } });
    expect(error).toBeUndefined();
    // the contract's example, as the fixture spec writes it
    expect(data).toEqual({ id: 'w-1', name: 'Sprocket' });
  });

  it('gets a reference page in the docs site, linked from every page', () => {
    const site = join(copy, 'docs', 'site');
    const page = readFileSync(join(site, `${thirdApi.name}.html`), 'utf8');
    expect(page).toContain('Get a widget');
    expect(page).toContain('Filled in by the typed client');
    // every operation gets its TypeScript and curl samples from the contract and the registry entry alone
    const reference = JSON.parse(readFileSync(join(copy, 'docs', 'dist', 'references', `${thirdApi.name}.json`), 'utf8'));
    const samples = reference.paths['/v1/{tenant}/widgets/{widget_id}'].get['x-codeSamples'];
    expect(samples.map((sample: { label: string }) => sample.label)).toEqual(['TypeScript', 'curl']);
    expect(samples[0].source).toContain("client.getWidget({ path: { widget_id: 'w-1' } })");
    expect(samples[1].source).toContain("-H 'x-api-key: mock-api-key'");
    expect(existsSync(join(site, 'index.html'))).toBe(true);
    expect(readFileSync(join(site, 'index.html'), 'utf8')).toContain(`<a href="${thirdApi.name}.html">${thirdApi.label}</a>`);
  });
});
