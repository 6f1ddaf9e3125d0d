// The cloud vendors' own signing packages, installed on demand into the OS temp folder with npm
// (never into the repo, never as dependencies), for the vendor benchmark and the vendor vectors.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const VENDOR_DIR = join(tmpdir(), 'cloud-backup-contracts-vendor-signers');
// the versions that produced signing-vectors.json
export const VENDOR_PACKAGES = { '@alicloud/openapi-util': '0.3.3', '@huaweicloud/huaweicloud-sdk-core': '3.1.211' };
/** Stops the run with a message for the user (no stack trace: these are expected failures). */
export class Abort extends Error {}

export function installedVersion(name) {
  const file = join(VENDOR_DIR, 'node_modules', name, 'package.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).version : undefined;
}

export function installVendorPackages() {
  // an existing install is reused only when it holds exactly the pinned versions
  if (Object.entries(VENDOR_PACKAGES).every(([name, version]) => installedVersion(name) === version)) return;
  const specs = Object.entries(VENDOR_PACKAGES).map(([name, version]) => `${name}@${version}`);
  const args = ['install', '--no-save', '--no-audit', '--no-fund', '--ignore-scripts', '--prefix', VENDOR_DIR, ...specs];
  // note: Windows only runs npm.cmd through a shell (Node refuses .cmd files without one)
  const onWindows = process.platform === 'win32';
  const npm = onWindows ? 'npm.cmd' : 'npm';
  console.log(`installing the vendor signers (first run, ~34 MB) into ${VENDOR_DIR} ...`);
  const result = spawnSync(npm, args, { stdio: 'inherit', shell: onWindows });
  if (result.error || result.status !== 0) {
    const why = result.error ? result.error.message : `exit code ${result.status}`;
    throw new Abort(`npm install failed (${why}); install them by hand and run again:\n  ${npm} ${args.join(' ')}`);
  }
}

/** The vendor functions and classes a real SDK call uses to sign, from the pinned packages. */
export function loadVendors() {
  const require = createRequire(join(VENDOR_DIR, 'package.json'));
  const huaweiCore = '@huaweicloud/huaweicloud-sdk-core';
  // openapi-util's own dependencies, resolved the way openapi-util resolves them
  const requireFromOpenApiUtil = createRequire(require.resolve('@alicloud/openapi-util'));
  return {
    // all CommonJS compiled from TypeScript: classes are named exports, Alibaba's are `default`
    BasicCredentials: require(huaweiCore).BasicCredentials,
    AKSKSigner: require(`${huaweiCore}/auth/AKSKSigner`).AKSKSigner,
    HttpRequestImpl: require(`${huaweiCore}/http/IHttpRequest`).HttpRequestImpl,
    OpenApiUtil: require('@alicloud/openapi-util').default,
    TeaUtil: requireFromOpenApiUtil('@alicloud/tea-util').default,
    TeaRequest: requireFromOpenApiUtil('@alicloud/tea-typescript').Request,
  };
}
