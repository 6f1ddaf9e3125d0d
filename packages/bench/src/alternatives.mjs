// What users would pick instead of this repo's packages, installed on demand with npm into the OS
// temp folder (never into the repo): pinned versions, reused while they match.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CACHE_DIR = join(tmpdir(), 'cloud-backup-contracts-bench');
export const ALTERNATIVES_DIR = join(CACHE_DIR, 'alternatives');
const CHARTING_DIR = join(CACHE_DIR, 'charting');
const LIGHTHOUSE_DIR = join(CACHE_DIR, 'lighthouse');

// @hey-api/openapi-ts 0.99 asks for TypeScript ≥ 5.5; npm would otherwise pick 7.x, which it cannot load
export const ALTERNATIVES = {
  '@hey-api/openapi-ts': '0.99.0',
  typescript: '5.9.3',
  '@alicloud/openapi-client': '0.4.15',
  '@huaweicloud/huaweicloud-sdk-core': '3.1.211',
};

// Vega-Lite renders the report's SVG charts headless (no canvas, no browser)
const CHARTING = { vega: '6.4.0', 'vega-lite': '6.5.0' };

// Lighthouse rates the docs' reference pages as a phone and a desktop would load them
const LIGHTHOUSE = { lighthouse: '12.8.2' };

/** Expected failures: printed without a stack trace. */
export class BenchError extends Error {}

function installedVersion(name, dir = ALTERNATIVES_DIR) {
  const file = join(dir, 'node_modules', name, 'package.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).version : undefined;
}

/** Installs pinned packages into dir unless already there; returns a require rooted in that folder. */
function ensureInstalled(dir, packages, log) {
  const missing = Object.entries(packages).filter(([name, version]) => installedVersion(name, dir) !== version);
  if (missing.length) {
    const specs = Object.entries(packages).map(([name, version]) => `${name}@${version}`);
    const args = ['install', '--no-save', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', '--prefix', dir, ...specs];
    // note: Windows only runs npm.cmd through a shell
    const onWindows = process.platform === 'win32';
    const npm = onWindows ? 'npm.cmd' : 'npm';
    log(`installing ${missing.map(([name, version]) => `${name}@${version}`).join(', ')} into ${dir} (first run only) ...`);
    const result = spawnSync(npm, args, { stdio: ['ignore', 'inherit', 'inherit'], shell: onWindows });
    if (result.error || result.status !== 0) {
      const why = result.error ? result.error.message : `exit code ${result.status}`;
      throw new BenchError(
        `npm could not install ${missing.map(([name]) => name).join(', ')} (${why}); is the npm registry reachable? Retry by hand, then run the bench again:\n  ${npm} ${args.join(' ')}`,
      );
    }
  }
  return createRequire(join(dir, 'package.json'));
}

/** What the bench compares against: the generator and the vendor SDK cores. */
export const ensureAlternatives = (log = console.log) => ensureInstalled(ALTERNATIVES_DIR, ALTERNATIVES, log);

/** The charting library, for the report's SVG charts. */
export const ensureCharting = (log = console.log) => ensureInstalled(CHARTING_DIR, CHARTING, log);

/** Lighthouse, for the docs section; returns the path of its command-line entry. */
export const ensureLighthouse = (log = console.log) => ensureInstalled(LIGHTHOUSE_DIR, LIGHTHOUSE, log).resolve('lighthouse/cli/index.js');

export const alternativeVersions = () => Object.fromEntries(Object.keys(ALTERNATIVES).map((name) => [name, installedVersion(name)]));
