// A throwaway copy of the workspace: every file git would commit (tracked, or new and not
// ignored), so the copy is what a fresh clone of this working tree would hold. The proofs that
// build such a copy (registry-proof, remote-cache-proof) install and run their tools in it with these.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { pnpmCommand } from './pack.mjs';

/** Copies the workspace at `root` into a new folder under the OS temp folder named `prefix`-…; returns its path. */
export function copyWorkspace(root: string, prefix = 'registry-proof-'): string {
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (listed.status !== 0) throw new Error(`git ls-files failed in ${root}: ${listed.stderr}`);
  const copy = mkdtempSync(join(tmpdir(), prefix));
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    // a tracked file deleted in the working tree is not part of it
    if (!existsSync(join(root, file))) continue;
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    cpSync(join(root, file), join(copy, file));
  }
  return copy;
}

/**
 * The environment for tools run in a copy: this run's, without the outer pnpm's and turbo's own
 * variables (an outer turbo's cache or remote settings must not reach the copy's turbo), plus `extra`.
 */
export function copyEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(npm_|pnpm_|TURBO_(?!TELEMETRY))/i.test(key)));
  return {
    ...env,
    TURBO_TELEMETRY_DISABLED: '1',
    TURBO_NO_UPDATE_NOTIFIER: '1',
    REDOCLY_TELEMETRY: 'off',
    REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
    ...extra,
  };
}

/** Runs `file args` in the copy; returns its output, or throws with the output's end when it fails. */
export function runInCopy(copy: string, file: string, args: string[], what: string, env: NodeJS.ProcessEnv = copyEnv()): string {
  const result = spawnSync(file, args, { cwd: copy, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const output = `${result.stdout}${result.stderr}`;
  if (result.status !== 0) throw new Error(`${what} failed in the workspace copy (exit ${result.status}):\n${output.slice(-6000)}`);
  return output;
}

/**
 * Installs the copy from the pnpm store this workspace's install filled: no network, the lockfile
 * as committed. `only` names pnpm filters (e.g. `.` and `pkg...`) when the copy's tasks need just those.
 */
export function installCopy(copy: string, only: string[] = []): void {
  const pnpm = pnpmCommand();
  const filters = only.map((filter) => `--filter=${filter}`);
  runInCopy(copy, pnpm.file, [...pnpm.args, 'install', '--offline', '--frozen-lockfile', ...filters], 'pnpm install --offline');
}

/** The copy's own turbo (the version the lockfile pins), to run with `process.execPath`. */
export function turboIn(copy: string): string {
  return join(copy, 'node_modules', 'turbo', 'bin', 'turbo');
}

/** Path -> content hash of every file under `dir`, skipping installs and build output. */
export function fileHashes(dir: string): Map<string, string> {
  const hashes = new Map<string, string>();
  const skip = new Set(['node_modules', 'dist', 'generated', 'site', '.turbo']);
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) {
        if (!skip.has(name)) walk(path);
      } else {
        hashes.set(relative(dir, path), createHash('sha256').update(readFileSync(path)).digest('hex'));
      }
    }
  };
  walk(dir);
  return hashes;
}

/** The files added, changed or removed between two snapshots of {@link fileHashes}. */
export function changedFiles(before: Map<string, string>, after: Map<string, string>): string[] {
  const paths = new Set([...before.keys(), ...after.keys()]);
  return [...paths].filter((path) => before.get(path) !== after.get(path)).sort();
}
