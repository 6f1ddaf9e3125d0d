// Section 6: how the pipeline grows with the contract: a synthetic contract of 50, 200 and 800
// operations through lint → bundle → types → client generation → type check → mock start-up,
// and the client bundle size of a one-call program over its operation table.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleSize } from '../../../client/scripts/bundle-size.mjs';
import { generateOperationModule } from '../../../client/scripts/generate-operations.mjs';
import { prismEntry } from '../../../mock/dist/prism.js';
import { BenchError } from '../alternatives.mjs';
import { ROOT } from '../paths.mjs';
import { syntheticContract } from '../synthetic-contract.mjs';

const bin = (dir, name) => join(ROOT, dir, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
const clientDir = join(ROOT, 'packages', 'client');

/** Runs a command, returns seconds; fails with its output. */
function timed(step, file, args, cwd) {
  const start = performance.now();
  const result = spawnSync(file, args, { cwd, encoding: 'utf8', shell: process.platform === 'win32', env: { ...process.env, REDOCLY_TELEMETRY: 'off' } });
  if (result.status !== 0) throw new BenchError(`${step} failed (${file} ${args.join(' ')}):\n${result.stdout}\n${result.stderr}`);
  return (performance.now() - start) / 1000;
}

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/** Seconds until Prism on the bundle answers an HTTP request. */
async function prismReady(bundle) {
  const port = await freePort();
  const start = performance.now();
  const child = spawn(process.execPath, [prismEntry(), 'mock', bundle, '--host', '127.0.0.1', '--port', String(port), '--verboseLevel', 'fatal'], {
    stdio: 'ignore',
  });
  try {
    while (performance.now() - start < 120_000) {
      if (child.exitCode !== null) throw new BenchError(`prism exited with ${child.exitCode} on ${bundle}`);
      try {
        await fetch(`http://127.0.0.1:${port}/`);
        return (performance.now() - start) / 1000;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    throw new BenchError(`prism did not answer within 120 s on ${bundle}`);
  } finally {
    child.kill();
  }
}

async function runOne(operations, work) {
  const dir = join(work, String(operations));
  mkdirSync(dir, { recursive: true });
  const source = join(dir, 'openapi.json');
  const bundle = join(dir, 'bundle.json');
  writeFileSync(source, JSON.stringify(syntheticContract(operations), null, 2));
  writeFileSync(join(dir, 'redocly.yaml'), 'extends:\n  - recommended\n');
  const times = {};
  times.lint = timed('lint', bin('.', 'redocly'), ['lint', source, '--format=summary'], dir);
  times.bundle = timed('bundle', bin('.', 'redocly'), ['bundle', source, '-o', bundle], dir);
  times.types = timed('types', bin('packages/types', 'openapi-typescript'), [bundle, '-o', join(dir, 'types.ts')], dir);
  const start = performance.now();
  const module = generateOperationModule(JSON.parse(readFileSync(bundle, 'utf8')), {
    apiName: 'synthetic',
    typesModule: './types.js',
    coreModule: join(clientDir, 'src', 'core', 'operation-table.js'),
  });
  writeFileSync(join(dir, 'operations.ts'), module);
  times.generate = (performance.now() - start) / 1000;
  const tsconfig = {
    compilerOptions: {
      strict: true,
      module: 'nodenext',
      moduleResolution: 'nodenext',
      target: 'es2022',
      skipLibCheck: true,
      noEmit: true,
      allowImportingTsExtensions: false,
    },
    files: ['types.ts', 'operations.ts'],
  };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  times.typecheck = timed('type check', bin('packages/client', 'tsc'), ['-p', join(dir, 'tsconfig.json')], dir);
  times.mockReady = await prismReady(bundle);
  // what an app pays for one call: the generic client over the whole generated table
  const size = await bundleSize({
    name: `synthetic ${operations}`,
    platform: 'browser',
    resolveDir: dir,
    contents: `import { createApiClient } from '${join(clientDir, 'dist', 'core', 'create-api-client.js')}';
import { syntheticOperations } from './operations.ts';
const client = createApiClient(syntheticOperations, {}, { vendor: 'huawei', baseUrl: 'https://example.com', auth: {}, autoParams: () => ({}), errorFromResponse: () => ({}) });
client.getItem0({ path: { project_id: 'p', item_id: 'i' } }).then(console.log);`,
  });
  return { operations, ...times, gzip: size.gzip, min: size.min };
}

export async function scaling({ sizes = [50, 200, 800], log = console.log } = {}) {
  const work = join(tmpdir(), 'cloud-backup-contracts-bench', 'scaling');
  rmSync(work, { recursive: true, force: true });
  const data = [];
  for (const operations of sizes) {
    log(`${operations} operations ...`);
    data.push(await runOne(operations, work));
  }
  const [first, last] = [data[0], data.at(-1)];
  const steps = ['lint', 'bundle', 'types', 'generate', 'typecheck', 'mockReady'];
  const growth = Object.fromEntries([...steps, 'gzip'].map((step) => [step, last[step] / first[step]]));
  return {
    title: 'Scaling with the contract (synthetic, seconds; size in bytes)',
    note: `from ${first.operations} to ${last.operations} operations (×${last.operations / first.operations}) each step grew: ${Object.entries(growth)
      .map(([step, factor]) => `${step} ×${factor.toFixed(1)}`)
      .join(', ')}`,
    columns: ['operations', 'lint s', 'bundle s', 'types s', 'client generation s', 'type check s', 'mock ready s', 'one-call client min+gzip B'],
    rows: data.map((d) => [d.operations, ...steps.map((step) => d[step].toFixed(2)), d.gzip]),
    data: { rows: data, growth },
    budgets: [],
  };
}
