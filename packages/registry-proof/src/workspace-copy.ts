// A throwaway copy of the workspace: every file git would commit (tracked, or new and not
// ignored), so the copy is what a fresh clone of this working tree would hold.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';

export function copyWorkspace(root: string): string {
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (listed.status !== 0) throw new Error(`git ls-files failed in ${root}: ${listed.stderr}`);
  const copy = mkdtempSync(join(tmpdir(), 'registry-proof-'));
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    // a tracked file deleted in the working tree is not part of it
    if (!existsSync(join(root, file))) continue;
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    cpSync(join(root, file), join(copy, file));
  }
  return copy;
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
