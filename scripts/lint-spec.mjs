#!/usr/bin/env node
// Lints every API of the registry (redocly.yaml), or the one named, and fails on any problem,
// warnings included: `redocly lint` alone exits 0 when it finds only warnings.
// Usage: node scripts/lint-spec.mjs [api-name] [--config path/to/redocly.yaml]
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadRegistry, RegistryError } from '@cloud-backup-contracts/testkit/registry';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { config: { type: 'string', default: join(root, 'redocly.yaml') } },
});
if (positionals.length > 1) {
  console.error('usage: lint-spec.mjs [api-name] [--config redocly.yaml]');
  process.exit(2);
}

// the registry is checked first, so a malformed entry fails here, the first task of every build
let names;
try {
  names = positionals.length ? positionals : loadRegistry(values.config).map((api) => api.name);
} catch (error) {
  if (!(error instanceof RegistryError)) throw error;
  console.error(`lint-spec: the API registry is invalid: ${error.message}`);
  process.exit(1);
}

// the root package declares the CLI, whichever folder the lint runs from
const require = createRequire(join(root, 'package.json'));
const cli = join(dirname(require.resolve('@redocly/cli/package.json')), 'bin', 'cli.js');

/** @param {string[]} args a Redocly CLI command against the registry */
function redocly(...args) {
  return spawnSync(process.execPath, [cli, ...args, '--config', values.config], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  });
}

// a key Redocly does not know in redocly.yaml (a misplaced registry entry, say) is only a
// warning of its own; the config check makes it fail the lint
function checkConfig() {
  const result = redocly('check-config');
  if (result.status === 0) return true;
  process.stdout.write(result.stdout.replace(/^.*[║╔╚].*\n/gm, ''));
  process.stderr.write(result.stderr.replace(/^.*[║╔╚].*\n/gm, ''));
  console.log(`lint-spec: ${relative(process.cwd(), values.config) || values.config} has problems of its own (redocly check-config exit ${result.status})`);
  return false;
}

/** @param {string} api */
function lint(api) {
  const result = redocly('lint', api, '--format', 'json');
  let report;
  try {
    report = JSON.parse(result.stdout);
  } catch {
    process.stderr.write(result.stderr);
    process.stdout.write(result.stdout);
    console.error(`lint-spec: redocly lint for "${api}" did not produce a report (exit ${result.status})`);
    return false;
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
    return false;
  }
  console.log(`lint-spec: ${api} is clean (0 errors, 0 warnings)`);
  return true;
}

// the config and every API are checked, so one run reports all of them
const clean = [checkConfig(), ...names.map(lint)].every(Boolean);
process.exit(clean ? 0 : 1);
