// A throwaway workspace with just what the gate reads: the manifests, the changeset config, and
// each API's current and released bundle.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import { apiNames, repoRoot } from '@cloud-backup-contracts/testkit';
import { bundleOf, type Mutation } from './bundles.js';

const bins = {
  gate: fileURLToPath(new URL('../../bin/contract-gate.mjs', import.meta.url)),
  release: fileURLToPath(new URL('../../bin/release.mjs', import.meta.url)),
};

function writeJson(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

export class ScratchRepo {
  readonly root = mkdtempSync(join(tmpdir(), 'contract-gate-'));

  constructor() {
    for (const file of ['package.json', 'pnpm-workspace.yaml', '.changeset/config.json']) {
      mkdirSync(dirname(join(this.root, file)), { recursive: true });
      copyFileSync(join(repoRoot, file), join(this.root, file));
    }
    for (const pkg of ['types', 'client', 'mock'])
      copyFileSync(join(repoRoot, 'packages', pkg, 'package.json'), this.#mkdir(join('packages', pkg, 'package.json')));
    for (const api of apiNames) {
      copyFileSync(join(repoRoot, 'spec', api, 'package.json'), this.#mkdir(join('spec', api, 'package.json')));
      writeJson(join(this.root, 'spec', api, 'dist', 'openapi.json'), bundleOf(api));
      writeJson(join(this.root, 'spec', api, 'released', 'openapi.json'), bundleOf(api));
    }
  }

  #mkdir(relativePath: string): string {
    const path = join(this.root, relativePath);
    mkdirSync(dirname(path), { recursive: true });
    return path;
  }

  /** Applies a mutation to the API's current bundle; its released bundle stays as it was. */
  change(mutation: Mutation): this {
    const bundle = bundleOf(mutation.api);
    mutation.edit(bundle);
    writeJson(join(this.root, 'spec', mutation.api, 'dist', 'openapi.json'), bundle);
    return this;
  }

  addChangeset(id: string, bumps: Record<string, 'major' | 'minor' | 'patch'>, summary = 'A contract change.'): this {
    const front = Object.entries(bumps)
      .map(([name, bump]) => `"${name}": ${bump}`)
      .join('\n');
    writeFileSync(join(this.root, '.changeset', `${id}.md`), `---\n${front}\n---\n\n${summary}\n`);
    return this;
  }

  remove(relativePath: string): this {
    rmSync(join(this.root, relativePath), { recursive: true, force: true });
    return this;
  }

  runGate(): { status: number | null; output: string } {
    return this.#run(bins.gate, []);
  }

  runRelease(...args: string[]): { status: number | null; output: string } {
    return this.#run(bins.release, args);
  }

  #run(bin: string, args: string[]): { status: number | null; output: string } {
    const run = spawnSync(process.execPath, [bin, '--root', this.root, ...args], { encoding: 'utf8' });
    return { status: run.status, output: `${run.stdout}${run.stderr}` };
  }

  read(relativePath: string): string {
    return readFileSync(join(this.root, relativePath), 'utf8');
  }

  exists(relativePath: string): boolean {
    return existsSync(join(this.root, relativePath));
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

export const allThree = (bump: 'major' | 'minor' | 'patch') => ({
  '@cloud-backup-contracts/types': bump,
  '@cloud-backup-contracts/client': bump,
  '@cloud-backup-contracts/mock': bump,
});

/** A factory of scratch repos for one test file; each is removed after the test that made it. */
export function useScratchRepos(): () => ScratchRepo {
  let repos: ScratchRepo[] = [];
  afterEach(() => {
    for (const repo of repos) repo.dispose();
    repos = [];
  });
  return () => {
    const repo = new ScratchRepo();
    repos.push(repo);
    return repo;
  };
}
