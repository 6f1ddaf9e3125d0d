// Where things live in the workspace, resolved from this file so the tests run from any cwd.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoRoot } from '@cloud-backup-contracts/testkit';

export { repoRoot };
export const packageDir = fileURLToPath(new URL('..', import.meta.url));

/** The published packages, in the order npm gets them (dependencies first, for readable logs). */
export const publicPackages = {
  '@cloud-backup-contracts/types': join(repoRoot, 'packages/types'),
  '@cloud-backup-contracts/client': join(repoRoot, 'packages/client'),
  '@cloud-backup-contracts/mock': join(repoRoot, 'packages/mock'),
} as const;
export type PublicPackage = keyof typeof publicPackages;

/** The consumer program, kept as a real file so editors and reviewers see what runs. */
export const consumerProgram = join(packageDir, 'fixture/consumer.ts');

/** The CommonJS consumer program: every public entry point loaded with require(). */
export const commonjsProgram = join(packageDir, 'fixture/consumer-commonjs.cts');

/** Gitignored; Node binaries downloaded here are reused by later runs. */
export const toolsDir = join(repoRoot, '.tools');
