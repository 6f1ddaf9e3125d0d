#!/usr/bin/env node
// `npm run mutation`: Stryker over each package's src/ (one package after the other: two runners
// already fill two cores), then the per-folder scores beside their goals.
// Usage: npm run mutation [-- --only client|mock] [--force]; exits 1 when Stryker fails (a score
// below its goal is reported, not failed: mutation testing is a report, not a target).
// --force tests every mutant again: an incremental run keeps the last result of a mutant in a
// module-level constant (a "static" one) even when a new test would now kill it.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const packages = ['client', 'mock'];

let values;
try {
  ({ values } = parseArgs({ options: { only: { type: 'string' }, force: { type: 'boolean' } } }));
} catch (error) {
  console.error(`mutation: ${error.message}`);
  process.exit(2);
}
const chosen = values.only === undefined ? packages : values.only.split(',').filter(Boolean);
const unknown = chosen.filter((name) => !packages.includes(name));
if (chosen.length === 0 || unknown.length > 0) {
  console.error(`mutation: --only takes ${packages.join(', ')} (comma-separated), got ${JSON.stringify(values.only ?? '')}`);
  process.exit(2);
}

for (const name of chosen) {
  const cwd = join(root, 'packages', name);
  const started = Date.now();
  const run = spawnSync(process.execPath, [join(cwd, 'node_modules/@stryker-mutator/core/bin/stryker.js'), 'run', ...(values.force ? ['--force'] : [])], {
    cwd,
    stdio: 'inherit',
  });
  console.log(`mutation: ${name} took ${Math.round((Date.now() - started) / 60_000)} min`);
  if (run.status !== 0) process.exit(run.status ?? 1);
}

const scores = spawnSync(process.execPath, [join(root, 'scripts/mutation-scores.mjs'), ...chosen], { stdio: 'inherit' });
process.exit(scores.status ?? 1);
