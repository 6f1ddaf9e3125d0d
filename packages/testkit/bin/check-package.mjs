#!/usr/bin/env node
// Checks the publishable package in the current directory the way a consumer's tools see it, on
// the tarball that would be published (packed by pnpm, as the release workflow does):
// publint (package.json and exports against the packed files) and Are The Types Wrong
// (each entry point's types resolve under node16 and bundler resolution; ESM only), and no
// repo-only condition or path in the packed manifest's exports/imports.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { packPackage } from '../src/pack.mjs';
import { repoInternalEntries } from '../src/published-manifest.mjs';
import { readTarballFile } from '../src/tarball.mjs';

const pkgDir = process.cwd();
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
const tarball = packPackage(pkgDir);
console.log(`packed ${pkg.name}: ${basename(tarball)}`);
let failed = false;

try {
  const bytes = readFileSync(tarball);
  // no pkgDir: publint then reads the package root from the tarball itself
  const { messages } = await publint({ pack: { tarball: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) }, strict: true });
  for (const message of messages) {
    failed = true;
    console.log(`publint ${message.type}: ${formatMessage(message, pkg) ?? message.code}`);
  }
  console.log(`publint ${pkg.name} (tarball): ${messages.length} message(s)`);

  // the manifest as packed (pnpm applies publishConfig), not the repo's own
  const packed = JSON.parse(readTarballFile(tarball, 'package/package.json') ?? '{}');
  const internal = repoInternalEntries(packed);
  for (const problem of internal) console.log(`manifest: ${problem}`);
  console.log(`manifest ${pkg.name} (tarball): ${internal.length === 0 ? 'no repo-only conditions or paths' : `${internal.length} problem(s)`}`);
  if (internal.length > 0) failed = true;

  const require = createRequire(import.meta.url);
  const attw = join(require.resolve('@arethetypeswrong/cli/package.json'), '..', 'dist', 'index.js');
  const result = spawnSync(process.execPath, [attw, tarball, '--profile', 'esm-only', '--format', 'table-flipped'], { cwd: pkgDir, encoding: 'utf8' });
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  console.log(`attw ${pkg.name} (tarball): ${result.status === 0 ? 'no problems' : `problems found (exit ${result.status})`}`);
  if (result.status !== 0) failed = true;
} finally {
  rmSync(dirname(tarball), { recursive: true, force: true });
}

process.exit(failed ? 1 : 0);
