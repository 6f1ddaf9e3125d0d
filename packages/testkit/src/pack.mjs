// Packs a workspace package the way it is published: with pnpm, which turns `workspace:` and
// `catalog:` ranges into real versions (npm pack would leave them in, and installs would fail).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * How to run the workspace's pinned pnpm: the one running this script (pnpm sets npm_execpath),
 * else the one first on PATH (`scripts/workspace.mjs` puts the pinned one there).
 * @returns {{ file: string, args: string[] }}
 */
export function pnpmCommand() {
  const execPath = process.env.npm_execpath ?? '';
  if (/pnpm\.c?js$/.test(execPath)) return { file: process.execPath, args: [execPath] };
  const onPath = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
  if (onPath.status === 0) return { file: 'pnpm', args: [] };
  throw new Error('pnpm not found: run this through the workspace (`npm test`, or `node scripts/workspace.mjs pnpm ...` from the repo root)');
}

/**
 * Packs the package in `pkgDir` into `destination` (a new temp folder by default).
 * @param {string} pkgDir
 * @param {string} [destination]
 * @returns {string} the tarball's path
 */
export function packPackage(pkgDir, destination = mkdtempSync(join(tmpdir(), 'pack-'))) {
  const pnpm = pnpmCommand();
  const before = new Set(readdirSync(destination));
  const run = spawnSync(pnpm.file, [...pnpm.args, 'pack', '--pack-destination', destination], { cwd: pkgDir, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`pnpm pack failed in ${pkgDir} (exit ${run.status}):\n${run.stdout}${run.stderr}`);
  const created = readdirSync(destination).filter((name) => name.endsWith('.tgz') && !before.has(name));
  if (created.length !== 1) throw new Error(`pnpm pack in ${pkgDir} made ${created.length} tarballs in ${destination}, expected one`);
  return join(destination, created[0]);
}
