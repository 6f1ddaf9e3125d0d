#!/usr/bin/env node
// The one entry point behind `npm start`, `npm test`, `npm run build` and `npm run lint`.
// It needs only Node and npm: it fetches the pnpm version pinned in package.json into
// .tools/ (no global install, no corepack), installs the workspace, then hands over to turbo.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));

/** Where a step takes the command line's extra arguments; a step without it gets them at its end. */
const extraArgs = Symbol('extra arguments');
/** Marks a step that takes none of them (they belong to a later step). */
const noExtraArgs = Symbol('no extra arguments');

/** What each root command runs once the workspace is installed. */
const commands = {
  // every build depends on the contracts' lint and bundle (turbo.json), so those run first
  build: [['turbo', 'run', 'build']],
  // the contracts (Redocly) and the code (Biome)
  lint: [['turbo', 'run', 'contracts:lint', 'code:lint']],
  // --continue: one failing package must not hide the results of the others
  test: [['turbo', 'run', 'test', 'code:lint', '--continue']],
  // builds everything, then keeps the mock and the docs server in the foreground
  start: [
    ['turbo', 'run', 'build'],
    ['turbo', 'run', 'serve'],
  ],
  // --dry-run shows the versions and changelog that would be published; without it, versions in place
  release: [
    ['turbo', 'run', 'build'],
    ['release', extraArgs],
  ],
  // builds, then benchmarks against the alternatives (installed on demand into the OS temp
  // folder); `npm run bench -- --check` fails on a missed budget, `--only size,signing` picks sections
  bench: [
    ['turbo', 'run', 'build', '--output-logs=errors-only', noExtraArgs],
    ['node', 'packages/bench/src/main.mjs', extraArgs],
  ],
};

const quietTools = {
  TURBO_TELEMETRY_DISABLED: '1',
  TURBO_NO_UPDATE_NOTIFIER: '1',
  DO_NOT_TRACK: '1',
  REDOCLY_TELEMETRY: 'off',
  REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
  NO_UPDATE_NOTIFIER: '1',
};

function fail(message) {
  console.error(`workspace: ${message}`);
  process.exit(1);
}

function run(file, args, options = {}) {
  const result = spawnSync(file, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...quietTools },
    ...options,
  });
  if (result.error) fail(`could not run ${file}: ${result.error.message}`);
  return result.status ?? 1;
}

function pinnedPnpmVersion() {
  const { packageManager } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const match = /^pnpm@(\d+\.\d+\.\d+)$/.exec(packageManager ?? '');
  if (!match) fail(`package.json "packageManager" must be "pnpm@x.y.z", found ${JSON.stringify(packageManager)}`);
  return match[1];
}

/** Path to the pinned pnpm's entry script, installed into .tools/ on first use. */
function ensurePnpm() {
  const version = pinnedPnpmVersion();
  const prefix = join(root, '.tools', `pnpm-${version}`);
  const entry = join(prefix, 'node_modules', 'pnpm', 'bin', 'pnpm.cjs');
  if (existsSync(entry)) return entry;
  console.log(`workspace: fetching pnpm ${version} into .tools/ (first run only)`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const status = run(npm, ['install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund', '--loglevel=error', `pnpm@${version}`], {
    shell: process.platform === 'win32',
  });
  if (status !== 0 || !existsSync(entry)) fail(`npm could not install pnpm@${version}; check your network access to the npm registry`);
  return entry;
}

function pnpm(entry, args) {
  // note: npm_config_* from the outer `npm run` would leak npm-only settings into pnpm
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('npm_')));
  // turbo looks pnpm up on PATH, so the pinned one goes first
  const pathKey = Object.keys(env).find((key) => key.toUpperCase() === 'PATH') ?? 'PATH';
  env[pathKey] = [join(dirname(dirname(dirname(entry))), '.bin'), env[pathKey]].join(delimiter);
  return run(process.execPath, [entry, ...args], { env: { ...env, ...quietTools } });
}

const [command = 'build', ...rest] = process.argv.slice(2);
const entry = ensurePnpm();

if (command === 'pnpm') process.exit(pnpm(entry, rest));
if (!(command in commands)) fail(`unknown command "${command}"; expected one of ${Object.keys(commands).join(', ')}, pnpm`);

// an up-to-date install takes about a second, so every command starts with it;
// pnpm itself refuses to touch the lockfile when CI is set
const installed = pnpm(entry, ['install', '--reporter=append-only']);
if (installed !== 0) fail('pnpm install failed');

for (const step of commands[command]) {
  const args = step.includes(noExtraArgs)
    ? step.filter((part) => part !== noExtraArgs)
    : step.includes(extraArgs)
      ? step.flatMap((part) => (part === extraArgs ? rest : [part]))
      : [...step, ...rest];
  const status = pnpm(entry, ['exec', ...args]);
  if (status !== 0) process.exit(status);
}
