import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { GateInputError } from './gate.js';

/** The workspace root: the nearest folder upwards from `from` that holds pnpm-workspace.yaml. */
export function findWorkspaceRoot(from: string): string {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    if (dirname(dir) === dir) throw new GateInputError(`no pnpm-workspace.yaml above ${from}; pass --root <repo>`);
  }
}
