// Finds the workspace root: the nearest folder upwards that holds pnpm-workspace.yaml.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * @param {string} from a folder inside the workspace
 * @returns {string | undefined} the root, or undefined when no folder above holds pnpm-workspace.yaml
 */
export function workspaceRootAbove(from) {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}
