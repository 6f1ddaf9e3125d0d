#!/usr/bin/env node
// Lints one API from redocly.yaml and fails on any problem, warnings included:
// `redocly lint` alone exits 0 when it finds only warnings.
// Usage: node scripts/lint-spec.mjs <api-name> [--config path/to/redocly.yaml]
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { config: { type: 'string', default: join(root, 'redocly.yaml') } },
});
const [api] = positionals;
if (!api) {
  console.error('usage: lint-spec.mjs <api-name> [--config redocly.yaml]');
  process.exit(2);
}

// resolve the CLI from the calling package, where it is a declared dependency
const require = createRequire(join(process.cwd(), 'package.json'));
const cli = join(dirname(require.resolve('@redocly/cli/package.json')), 'bin', 'cli.js');
const result = spawnSync(process.execPath, [cli, 'lint', api, '--config', values.config, '--format', 'json'], {
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
  env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
});

let report;
try {
  report = JSON.parse(result.stdout);
} catch {
  process.stderr.write(result.stderr);
  process.stdout.write(result.stdout);
  console.error(`lint-spec: redocly lint for "${api}" did not produce a report (exit ${result.status})`);
  process.exit(1);
}

const problems = report.problems ?? [];
for (const problem of problems) {
  const where = problem.location?.[0];
  const file = where?.source?.ref ? relative(process.cwd(), where.source.ref) : '?';
  console.log(`${problem.severity.padEnd(5)} ${problem.ruleId}: ${problem.message}\n      at ${file}#${where?.pointer ?? ''}`);
}
const { errors = 0, warnings = 0 } = report.totals ?? {};
if (problems.length > 0 || errors > 0 || warnings > 0) {
  console.log(`lint-spec: ${api} has ${errors} error(s) and ${warnings} warning(s); warnings fail the lint too`);
  process.exit(1);
}
console.log(`lint-spec: ${api} is clean (0 errors, 0 warnings)`);
