// Section 4: the build pipeline (turbo): a cold build (--force: every task runs), a warm build
// with nothing changed, and a build after a one-API spec edit (a YAML comment appended to its
// openapi.yaml, restored afterwards), with the tasks each one executed.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BenchError } from '../alternatives.mjs';
import { ROOT } from '../paths.mjs';

const warmShare = 0.1;
const editedApi = 'huawei-vbs';

/** Runs `turbo run build`; returns seconds taken and the tasks it executed (cache misses). */
function turboBuild(extra = []) {
  const turbo = join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? 'turbo.cmd' : 'turbo');
  const start = performance.now();
  const result = spawnSync(turbo, ['run', 'build', '--output-logs=hash-only', ...extra], {
    cwd: ROOT,
    encoding: 'utf8',
    shell: process.platform === 'win32',
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', TURBO_NO_UPDATE_NOTIFIER: '1' },
  });
  const seconds = (performance.now() - start) / 1000;
  if (result.status !== 0) {
    // note: turbo finds pnpm on PATH, which `npm run bench` (scripts/workspace.mjs) sets up
    throw new BenchError(
      `turbo run build ${extra.join(' ')} failed (run the bench as \`npm run bench\`, which puts the pinned pnpm on PATH):\n${result.stdout}\n${result.stderr}`,
    );
  }
  // lines like "@scope/client:build: cache miss, executing 0a1b..." or, with --force,
  // "cache bypass, force executing" (turbo 2)
  const executed = [...result.stdout.matchAll(/^(\S+): cache (?:miss|bypass)/gm)].map((match) => match[1]);
  return { seconds, executed };
}

/** Median seconds of a root command over `times` runs (it must succeed). */
function timed(args, times = 3) {
  const runs = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    const result = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
    if (result.status !== 0) throw new BenchError(`node ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
    runs.push((performance.now() - start) / 1000);
  }
  return runs.sort((a, b) => a - b)[times >> 1];
}

/**
 * What the shared lint and bundle tasks cost a one-API edit beyond that API's own lint and
 * bundle: the whole-registry commands against the same commands for the edited API only.
 */
function sharedContractCost() {
  const redocly = join(ROOT, 'node_modules', '@redocly', 'cli', 'bin', 'cli.js');
  const lint = (api) => timed([join(ROOT, 'scripts', 'lint-spec.mjs'), ...api]);
  const bundle = (api) => timed([redocly, 'bundle', ...api, '--config', join(ROOT, 'redocly.yaml')]);
  return { all: lint([]) + bundle([]), one: lint([editedApi]) + bundle([editedApi]) };
}

export async function pipeline({ log = console.log } = {}) {
  log('cold build (turbo --force) ...');
  const cold = turboBuild(['--force']);
  log('warm build ...');
  const warm = turboBuild();
  const specFile = join(ROOT, 'spec', editedApi, 'openapi.yaml');
  const original = readFileSync(specFile, 'utf8');
  let edit;
  try {
    // note: unique per run, or the shared turbo cache replays an earlier run's identical edit
    writeFileSync(specFile, `${original}# bench: a one-API edit at ${new Date().toISOString()}\n`);
    log(`build after editing spec/${editedApi}/openapi.yaml ...`);
    edit = turboBuild();
  } finally {
    writeFileSync(specFile, original);
  }
  log('lint and bundle: every API against the edited one alone ...');
  const contractCost = sharedContractCost();
  const contractTasks = edit.executed.filter((task) => /contracts:(lint|bundle)$/.test(task));
  // a lint or bundle task of the whole workspace (a root task, "//:..." in turbo's log) covers every API
  const sharedContractTasks = contractTasks.filter((task) => task.startsWith('//:'));
  const rows = [
    ['cold (every task runs)', cold.seconds.toFixed(1), cold.executed.length, '×1.00'],
    ['warm, nothing changed', warm.seconds.toFixed(1), warm.executed.length, `×${(warm.seconds / cold.seconds).toFixed(2)}`],
    [`one-API edit (${editedApi})`, edit.seconds.toFixed(1), edit.executed.length, `×${(edit.seconds / cold.seconds).toFixed(2)}`],
  ];
  return {
    title: 'Build pipeline (turbo run build)',
    note: `tasks the one-API edit executed: ${edit.executed.join(', ') || 'none'}`,
    columns: ['build', 'seconds', 'tasks executed', '× cold'],
    rows,
    data: { cold, warm, edit, contractCost },
    budgets: [
      {
        name: 'warm build ≤ 10% of cold',
        value: warm.seconds / cold.seconds,
        limit: warmShare,
        pass: warm.seconds <= cold.seconds * warmShare,
        shown: `${((warm.seconds / cold.seconds) * 100).toFixed(0)}% (${warm.seconds.toFixed(1)} s vs ${cold.seconds.toFixed(1)} s)`,
      },
      {
        name: `a one-API edit re-runs only that API's lint and bundle`,
        value: sharedContractTasks.length,
        limit: 0,
        pass: contractTasks.length > 0 && sharedContractTasks.length === 0,
        shown: sharedContractTasks.length
          ? `re-ran ${sharedContractTasks.join(', ')}, which cover every API: ${contractCost.all.toFixed(1)} s against ${contractCost.one.toFixed(1)} s for ${editedApi} alone, of the edit's ${edit.seconds.toFixed(1)} s`
          : `re-ran ${contractTasks.join(', ') || 'no lint or bundle task'}`,
      },
    ],
  };
}
