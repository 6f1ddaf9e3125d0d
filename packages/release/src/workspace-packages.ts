// The workspace's packages as `changeset version` sees them: pnpm-workspace.yaml's `packages`.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';

export interface WorkspacePackage {
  name: string;
  version: string;
  private: boolean;
  /** folder relative to the workspace root */
  dir: string;
}

/** Package folders from the `packages` globs (entries `dir` or `dir/*`). */
export function workspacePackageDirs(root: string): string[] {
  const { packages: globs = [] } = parse(readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8')) as { packages?: string[] };
  const dirs = globs.flatMap((glob) => {
    if (!glob.endsWith('/*')) return [join(root, glob)];
    const parent = join(root, glob.slice(0, -2));
    if (!existsSync(parent)) return [];
    return readdirSync(parent, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => join(parent, entry.name));
  });
  return dirs.filter((dir) => existsSync(join(dir, 'package.json')));
}

export function workspacePackages(root: string): Map<string, WorkspacePackage> {
  const packages = new Map<string, WorkspacePackage>();
  for (const dir of workspacePackageDirs(root)) {
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    packages.set(manifest.name, { name: manifest.name, version: manifest.version, private: manifest.private === true, dir: relative(root, dir) });
  }
  return packages;
}
