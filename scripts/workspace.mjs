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
  // builds everything, then keeps the mock and the docs server in the foreground; --only: the
  // builds just ran, and replaying their cached logs would bury the URLs
  start: [
    ['turbo', 'run', 'build'],
    ['turbo', 'run', 'serve', '--only'],
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
  // builds, then mutation-tests the client's and the mock's src/ with Stryker and prints the
  // score per folder against its goal; `npm run mutation -- --only client` picks a package
  mutation: [
    ['turbo', 'run', 'build', '--output-logs=errors-only', noExtraArgs],
    ['node', 'scripts/mutation.mjs', extraArgs],
  ],
};

// part of every task's hash (turbo.json globalEnv): results built or tested on one Node line or
// platform are never replayed on another from a shared cache
const runtime = { WORKSPACE_RUNTIME: `node${process.versions.node.split('.')[0]}-${process.platform}-${process.arch}` };

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
    env: { ...process.env, ...quietTools, ...runtime },
    ...options,
  });
  if (result.error) fail(`could not run ${file}: ${result.error.message}`);
  // a quiet step's output is shown only when it failed
  if (result.status !== 0 && options.stdio === 'pipe') process.stderr.write(`${result.stdout}${result.stderr}`);
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

function pnpm(entry, args, options = {}) {
  // note: npm_config_* from the outer `npm run` would leak npm-only settings into pnpm
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('npm_')));
  // turbo looks pnpm up on PATH, so the pinned one goes first
  const pathKey = Object.keys(env).find((key) => key.toUpperCase() === 'PATH') ?? 'PATH';
  env[pathKey] = [join(dirname(dirname(dirname(entry))), '.bin'), env[pathKey]].join(delimiter);
  return run(process.execPath, [entry, ...args], { env: { ...env, ...quietTools, ...runtime }, ...options });
}

const [command = 'build', ...given] = process.argv.slice(2);
const entry = ensurePnpm();

if (command === 'pnpm') process.exit(pnpm(entry, given));
if (!(command in commands)) fail(`unknown command "${command}"; expected one of ${Object.keys(commands).join(', ')}, pnpm`);

// `npm start` is a newcomer's first command: a short summary ending with the URLs, unless
// `npm start -- --verbose` (or WORKSPACE_VERBOSE=1) asks for every install and build log
const quiet = command === 'start' && !given.includes('--verbose') && !process.env.WORKSPACE_VERBOSE;
const rest = given.filter((arg) => arg !== '--verbose');
const started = Date.now();

// an up-to-date install takes about a second, so every command starts with it;
// pnpm itself refuses to touch the lockfile when CI is set
if (quiet) console.log('workspace: installing and building (logs: npm start -- --verbose)');
const installed = pnpm(entry, ['install', '--reporter=append-only'], quiet ? { stdio: 'pipe', encoding: 'utf8' } : {});
if (installed !== 0) fail('pnpm install failed');

for (const [index, step] of commands[command].entries()) {
  const args = step.includes(noExtraArgs)
    ? step.filter((part) => part !== noExtraArgs)
    : step.includes(extraArgs)
      ? step.flatMap((part) => (part === extraArgs ? rest : [part]))
      : [...step, ...rest];
  // quiet, the build shows only failing tasks' logs and turbo's summary
  const shown = quiet && index === 0 ? [...args, '--output-logs=errors-only'] : args;
  if (quiet && index === 1)
    console.log(`workspace: built in ${Math.round((Date.now() - started) / 1000)} s; starting the mock and the docs (Ctrl-C stops them)`);
  const status = pnpm(entry, ['exec', ...shown]);
  if (status !== 0) process.exit(status);
}
