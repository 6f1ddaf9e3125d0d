import { workspaceRootAbove } from '@cloud-backup-contracts/testkit/workspace-root';
import { GateInputError } from './gate.js';

/** The workspace root above `from`; the gate and the release command cannot work without one. */
export function findWorkspaceRoot(from: string): string {
  const root = workspaceRootAbove(from);
  if (root === undefined) throw new GateInputError(`no pnpm-workspace.yaml above ${from}; pass --root <repo>`);
  return root;
}
