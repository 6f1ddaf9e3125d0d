// release [--dry-run] [--root <repo>]
// --dry-run: the versions and changelog entries the pending changesets would publish, computed by
// `changeset version` in a throwaway copy of the workspace's manifests; nothing in the repo changes.
// Without it: the gate must pass, then `changeset version` runs in place and each API's bundle
// becomes its released bundle (spec/<api>/released/openapi.json), the next gate's baseline.
// Publishing is the release workflow's job, on the tags `changeset tag` creates.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkGate, contractNames, GateInputError } from './gate.js';
import { changesetCommand } from './policy.js';
import { formatGateReport } from './report.js';
import { findWorkspaceRoot } from './workspace-root.js';
import { workspacePackageDirs, workspacePackages, type WorkspacePackage } from './workspace-packages.js';

const changesetBin = join(dirname(createRequire(import.meta.url).resolve('@changesets/cli/package.json')), 'bin.js');

class ReleaseError extends Error {}

function changesetVersion(cwd: string): void {
  const run = spawnSync(process.execPath, [changesetBin, 'version'], { cwd, encoding: 'utf8' });
  if (run.status !== 0) throw new ReleaseError(`changeset version failed (exit ${run.status}):\n${run.stdout}${run.stderr}`);
}

/** The newest section of a CHANGELOG.md: from its first `## ` heading to the next. */
function newestChangelogSection(file: string): string {
  if (!existsSync(file)) return '';
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf('\n## ');
  if (start === -1) return '';
  const next = text.indexOf('\n## ', start + 1);
  return text.slice(start + 1, next === -1 ? undefined : next).trim();
}

/** Copies what `changeset version` reads and writes: manifests, changelogs, the changesets and their config. */
function copyManifests(root: string, to: string): void {
  for (const file of ['package.json', 'pnpm-workspace.yaml']) copyFileSync(join(root, file), join(to, file));
  cpSync(join(root, '.changeset'), join(to, '.changeset'), { recursive: true });
  for (const dir of workspacePackageDirs(root)) {
    const target = join(to, relative(root, dir));
    mkdirSync(target, { recursive: true });
    for (const file of ['package.json', 'CHANGELOG.md']) if (existsSync(join(dir, file))) copyFileSync(join(dir, file), join(target, file));
  }
}

/** One paragraph per public package whose version moves, with its new changelog section. */
function describeVersions(before: Map<string, WorkspacePackage>, afterRoot: string): string[] {
  const after = workspacePackages(afterRoot);
  const moved = [];
  for (const [name, was] of before) {
    const now = after.get(name);
    if (was.private || !now || now.version === was.version) continue;
    const section = newestChangelogSection(join(afterRoot, now.dir, 'CHANGELOG.md'));
    moved.push(`${name}: ${was.version} -> ${now.version}${section ? `\n${section.replace(/^/gm, '  ')}` : ''}`);
  }
  return moved;
}

/** Each API's current bundle becomes its released bundle. */
function refreshReleasedBundles(root: string): string[] {
  return contractNames(root).map((api) => {
    const released = join(root, 'spec', api, 'released', 'openapi.json');
    mkdirSync(dirname(released), { recursive: true });
    copyFileSync(join(root, 'spec', api, 'dist', 'openapi.json'), released);
    return relative(root, released);
  });
}

export async function main(argv: string[]): Promise<number> {
  try {
    const { values: flags } = parseArgs({ args: argv, options: { 'dry-run': { type: 'boolean', default: false }, root: { type: 'string' } } });
    const root = flags.root ? resolve(flags.root) : findWorkspaceRoot(process.cwd());
    const gate = await checkGate(root);
    if (gate.changesets.length === 0) {
      console.log(`release: no pending changeset in .changeset/, so nothing would be released. Add one with \`${changesetCommand}\`.`);
      return 0;
    }
    console.log(`release: ${gate.changesets.length} pending changeset(s): ${gate.changesets.join(', ')}`);
    if (gate.short.length > 0) {
      console.error(formatGateReport(gate));
      if (!flags['dry-run']) return 1;
    }
    const before = workspacePackages(root);
    if (flags['dry-run']) {
      const scratch = mkdtempSync(join(tmpdir(), 'release-dry-run-'));
      try {
        copyManifests(root, scratch);
        changesetVersion(scratch);
        const moved = describeVersions(before, scratch);
        console.log(`\n${moved.join('\n\n')}\n\nrelease (dry run): ${moved.length} package(s) would be published; nothing in the repo was changed.`);
      } finally {
        rmSync(scratch, { recursive: true, force: true });
      }
      return 0;
    }
    changesetVersion(root);
    const moved = describeVersions(before, root);
    const refreshed = refreshReleasedBundles(root);
    console.log(
      `\n${moved.join('\n\n')}\n\nreleased bundles refreshed: ${refreshed.join(', ')}\n` +
        `release: ${moved.length} package(s) versioned. Review and commit, then run \`npm run pnpm -- changeset tag\` and ` +
        '`git push --follow-tags`: the release workflow publishes the tagged versions.',
    );
    return 0;
  } catch (error) {
    const known = error instanceof ReleaseError || error instanceof GateInputError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    console.error(`release: ${known ? (error as Error).message : (error as Error).stack}`);
    return 2;
  }
}
