#!/usr/bin/env node
// Checks the publishable package in the current directory the way a consumer's tools see it:
// publint (package.json and exports against the packed files) and Are The Types Wrong
// (each entry point's types resolve under node16 and bundler resolution; ESM only).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { readFileSync } from 'node:fs';

const pkgDir = process.cwd();
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
let failed = false;

const { messages } = await publint({ pkgDir, strict: true });
for (const message of messages) {
  failed = true;
  console.log(`publint ${message.type}: ${formatMessage(message, pkg) ?? message.code}`);
}
console.log(`publint ${pkg.name}: ${messages.length} message(s)`);

const require = createRequire(import.meta.url);
const attw = join(require.resolve('@arethetypeswrong/cli/package.json'), '..', 'dist', 'index.js');
const result = spawnSync(process.execPath, [attw, '--pack', '.', '--profile', 'esm-only', '--format', 'table-flipped'], { cwd: pkgDir, encoding: 'utf8' });
process.stdout.write(result.stdout);
process.stderr.write(result.stderr);
console.log(`attw ${pkg.name}: ${result.status === 0 ? 'no problems' : `problems found (exit ${result.status})`}`);
if (result.status !== 0) failed = true;

process.exit(failed ? 1 : 0);
