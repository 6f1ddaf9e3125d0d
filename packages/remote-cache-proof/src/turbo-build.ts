// Runs a workspace copy's own turbo against a remote cache and reads back, from turbo's run
// summary, where each task's result came from.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { copyEnv, runInCopy, turboIn } from '@cloud-backup-contracts/testkit/workspace-copy';

/** How a copy reaches the cache: the four settings CONTRIBUTING.md names. */
export interface RemoteCacheSettings {
  api: string;
  token: string;
  team: string;
  signatureKey: string;
}

/** One task of the run: `HIT` with `source` `REMOTE` when it was replayed from the server. */
export interface TaskResult {
  taskId: string;
  hash: string;
  status: string;
  source?: string;
}

/** The chain this proof builds: both contracts linted and bundled, then the types generated and compiled. */
export const proofPackage = '@cloud-backup-contracts/types';

/**
 * Builds the proof package in `copy`. `writes: false` reads the remote cache without uploading,
 * so a run that is expected to refuse artifacts leaves the server's copies as the first run stored them.
 */
export function turboBuild(copy: string, cache: RemoteCacheSettings, { writes = true } = {}): TaskResult[] {
  const env = copyEnv({
    TURBO_API: cache.api,
    TURBO_TOKEN: cache.token,
    TURBO_TEAM: cache.team,
    TURBO_REMOTE_CACHE_SIGNATURE_KEY: cache.signatureKey,
  });
  const runs = join(copy, '.turbo', 'runs');
  const before = new Set(existsSync(runs) ? readdirSync(runs) : []);
  const args = ['run', 'build', `--filter=${proofPackage}`, '--summarize', '--cache-dir', '.turbo/cache'];
  // the local cache is on as a developer's is; it starts empty in a fresh copy
  if (!writes) args.push('--cache=local:rw,remote:r');
  runInCopy(copy, process.execPath, [turboIn(copy), ...args], 'turbo run build', env);
  const summaries = readdirSync(runs).filter((name) => name.endsWith('.json') && !before.has(name));
  if (summaries.length !== 1) throw new Error(`turbo wrote ${summaries.length} run summaries in ${runs}, expected one`);
  const summary = JSON.parse(readFileSync(join(runs, summaries[0]!), 'utf8')) as {
    tasks: { taskId: string; hash: string; cache: { status: string; source?: string } }[];
  };
  return summary.tasks
    .map((task) => ({ taskId: task.taskId, hash: task.hash, status: task.cache.status, source: task.cache.source }))
    .sort((a, b) => (a.taskId < b.taskId ? -1 : 1));
}

/** Path -> content hash of every file the proof's tasks write (the bundles, the generated and compiled types). */
export function builtFiles(copy: string): Map<string, string> {
  const folders = [
    ...readdirSync(join(copy, 'spec')).map((api) => join('spec', api, 'dist')),
    join('packages', 'types', 'src', 'generated'),
    join('packages', 'types', 'dist'),
  ];
  const hashes = new Map<string, string>();
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else hashes.set(relative(copy, path), createHash('sha256').update(readFileSync(path)).digest('hex'));
    }
  };
  for (const folder of folders.map((path) => join(copy, path)).filter((path) => existsSync(path))) walk(folder);
  return hashes;
}
