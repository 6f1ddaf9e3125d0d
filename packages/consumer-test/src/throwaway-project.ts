// A consumer's project in the system temp folder, outside the workspace, so nothing from the
// workspace (its node_modules, .npmrc, pnpm links) can leak into resolution.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { consumerEnv, npmCommand } from './child-env.js';
import { runChecked } from './run-command.js';

/** What a consumer adds next to our packages: the versions this repo supports and builds with. */
export const consumerTools = ['typescript@5.9.3', '@types/node@^20.19.0', 'esbuild@0.28.2'] as const;

export function createThrowawayProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cloud-backup-consumer-'));
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'cloud-backup-consumer', private: true, type: 'module' }, null, 2)}\n`);
  mkdirSync(join(dir, 'tarballs'));
  return dir;
}

/** Installs with npm, as a team that does not use pnpm would. */
export async function npmInstall(dir: string, specs: readonly string[]): Promise<void> {
  await runChecked(npmCommand, ['install', '--no-audit', '--no-fund', '--prefer-offline', ...specs], { cwd: dir, env: consumerEnv() });
}

/** Copies a file into the project's root and returns its name there. */
export function copyIntoProject(dir: string, file: string): string {
  const name = basename(file);
  copyFileSync(file, join(dir, name));
  return name;
}

export function removeThrowawayProject(dir: string): void {
  rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}
