// What users would pick instead of this repo's packages, installed on demand with npm into the OS
// temp folder (never into the repo): pinned versions, reused while they match.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ALTERNATIVES_DIR = join(tmpdir(), 'cloud-backup-contracts-bench', 'alternatives');

// @hey-api/openapi-ts 0.99 asks for TypeScript ≥ 5.5; npm would otherwise pick 7.x, which it cannot load
export const ALTERNATIVES = {
  '@hey-api/openapi-ts': '0.99.0',
  typescript: '5.9.3',
  '@alicloud/openapi-client': '0.4.15',
  '@huaweicloud/huaweicloud-sdk-core': '3.1.211',
};

/** Expected failures: printed without a stack trace. */
export class BenchError extends Error {}

function installedVersion(name) {
  const file = join(ALTERNATIVES_DIR, 'node_modules', name, 'package.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).version : undefined;
}

/** Installs the pinned alternatives unless already there; returns a require rooted in their folder. */
export function ensureAlternatives(log = console.log) {
  const missing = Object.entries(ALTERNATIVES).filter(([name, version]) => installedVersion(name) !== version);
  if (missing.length) {
    const specs = Object.entries(ALTERNATIVES).map(([name, version]) => `${name}@${version}`);
    const args = ['install', '--no-save', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', '--prefix', ALTERNATIVES_DIR, ...specs];
    // note: Windows only runs npm.cmd through a shell
    const onWindows = process.platform === 'win32';
    const npm = onWindows ? 'npm.cmd' : 'npm';
    log(`installing ${missing.map(([name, version]) => `${name}@${version}`).join(', ')} into ${ALTERNATIVES_DIR} (first run only) ...`);
    const result = spawnSync(npm, args, { stdio: ['ignore', 'inherit', 'inherit'], shell: onWindows });
    if (result.error || result.status !== 0) {
      const why = result.error ? result.error.message : `exit code ${result.status}`;
      throw new BenchError(
        `npm could not install ${missing.map(([name]) => name).join(', ')} (${why}); is the npm registry reachable? Retry by hand, then run the bench again:\n  ${npm} ${args.join(' ')}`,
      );
    }
  }
  return createRequire(join(ALTERNATIVES_DIR, 'package.json'));
}

export const alternativeVersions = () => Object.fromEntries(Object.keys(ALTERNATIVES).map((name) => [name, installedVersion(name)]));
