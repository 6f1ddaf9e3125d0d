// The shared turbo cache with signed artifacts (turbo.json: remoteCache.signature), end to end:
// fresh copies of this workspace build against the cache server a team runs. The first copy
// uploads; a second with the team's key replays every task; a copy with another key, or one whose
// artifacts were altered on the server, refuses them, runs the tasks and builds the same files.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { copyWorkspace, installCopy } from '@cloud-backup-contracts/testkit/workspace-copy';
import { workspaceRootAbove } from '@cloud-backup-contracts/testkit/workspace-root';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CacheServer, startCacheServer } from '../src/cache-server.js';
import { builtFiles, proofPackage, type RemoteCacheSettings, type TaskResult, turboBuild } from '../src/turbo-build.js';

const root = workspaceRootAbove(import.meta.dirname)!;
const team = 'cloud-backup-contracts';
const copies: string[] = [];
let server: CacheServer;
let settings: RemoteCacheSettings;
let first: TaskResult[];
let firstFiles: Map<string, string>;

/** A fresh copy of the workspace with what the proof's chain needs installed. */
function freshCopy(): string {
  const copy = copyWorkspace(root, 'remote-cache-proof-');
  copies.push(copy);
  installCopy(copy, ['.', `${proofPackage}...`]);
  return copy;
}

const byStatus = (tasks: TaskResult[]) => tasks.map((task) => `${task.taskId}: ${task.status}${task.source ? ` from ${task.source}` : ''}`);

beforeAll(async () => {
  server = await startCacheServer();
  settings = { api: server.url, token: server.token, team, signatureKey: randomBytes(32).toString('hex') };
  const copy = freshCopy();
  first = turboBuild(copy, settings);
  firstFiles = builtFiles(copy);
});

afterAll(async () => {
  await server?.stop();
  for (const copy of copies) rmSync(copy, { recursive: true, force: true });
});

describe('a shared turbo cache with signed artifacts', () => {
  it('stores what the first copy built, each artifact with its tag', () => {
    // the chain from the contracts to the compiled types: root tasks, a generator and a build
    expect(first.map((task) => task.taskId)).toEqual(['//#contracts:bundle', '//#contracts:lint', `${proofPackage}#build`, `${proofPackage}#generate`]);
    expect(byStatus(first), server.log().slice(-4000)).toEqual(first.map((task) => `${task.taskId}: MISS`));
    for (const task of first) {
      expect(existsSync(server.artifactPath(team, task.hash)), task.taskId).toBe(true);
      expect(readFileSync(`${server.artifactPath(team, task.hash)}.tag`, 'utf8'), task.taskId).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    }
    expect([...firstFiles.keys()]).toContain('packages/types/dist/huawei-vbs.d.ts');
  });

  it('replays every task in a second copy with the same key, and its files are the first copy’s', () => {
    const copy = freshCopy();
    const second = turboBuild(copy, settings);
    expect(byStatus(second), server.log().slice(-4000)).toEqual(first.map((task) => `${task.taskId}: HIT from REMOTE`));
    expect(second.map((task) => task.hash)).toEqual(first.map((task) => task.hash));
    expect(builtFiles(copy)).toEqual(firstFiles);
  });

  it('refuses every artifact in a copy signing with another key, runs the tasks and builds the same files', () => {
    const copy = freshCopy();
    const other = turboBuild(copy, { ...settings, signatureKey: randomBytes(32).toString('hex') }, { writes: false });
    expect(byStatus(other), server.log().slice(-4000)).toEqual(first.map((task) => `${task.taskId}: MISS`));
    expect(builtFiles(copy)).toEqual(firstFiles);
  });

  // one artifact corrupted, one swapped for another task's genuine artifact (a well-formed archive
  // that would restore the wrong files): each is refused and its task runs; the others still replay
  const altered = new Map<string, (artifact: Buffer, genuineOther: Buffer) => Buffer>([
    ['//#contracts:lint', (artifact) => Buffer.concat([artifact.subarray(0, -1), Buffer.from([artifact.at(-1)! ^ 0xff])])],
    [`${proofPackage}#build`, (_artifact, genuineOther) => genuineOther],
  ]);

  it('refuses artifacts altered on the server after upload: their tasks run, the others replay', () => {
    const genuineOther = readFileSync(server.artifactPath(team, first.find((task) => task.taskId === `${proofPackage}#generate`)!.hash));
    for (const task of first.filter((task) => altered.has(task.taskId))) {
      const path = server.artifactPath(team, task.hash);
      writeFileSync(path, altered.get(task.taskId)!(readFileSync(path), genuineOther));
    }
    const copy = freshCopy();
    const afterTampering = turboBuild(copy, settings, { writes: false });
    expect(byStatus(afterTampering), server.log().slice(-4000)).toEqual(
      first.map((task) => `${task.taskId}: ${altered.has(task.taskId) ? 'MISS' : 'HIT from REMOTE'}`),
    );
    expect(builtFiles(copy)).toEqual(firstFiles);
  });
});
