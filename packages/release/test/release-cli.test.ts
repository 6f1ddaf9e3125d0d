import { describe, expect, it } from 'vitest';
import { additiveMutations, breakingMutations } from './support/bundles.js';
import { allThree, type ScratchRepo, useScratchRepos } from './support/scratch-repo.js';

const scratch = useScratchRepos();

const version = (repo: ScratchRepo, pkg: string) => JSON.parse(repo.read(`packages/${pkg}/package.json`)).version;

describe('the release command', () => {
  it('with no pending changeset says there is nothing to release', () => {
    const run = scratch().runRelease('--dry-run');
    expect(run.output).toContain('release: no pending changeset in .changeset/, so nothing would be released');
    expect(run.status).toBe(0);
  });

  it("--dry-run shows each public package's next version and changelog, and changes nothing", () => {
    const repo = scratch().change(breakingMutations[0]!).addChangeset('drop-count', allThree('major'), 'Responses of countBackupShares no longer carry count.');
    const run = repo.runRelease('--dry-run');
    expect(run.status, run.output).toBe(0);
    for (const pkg of ['types', 'client', 'mock']) {
      expect(run.output).toContain(`@cloud-backup-contracts/${pkg}: 0.1.0 -> 1.0.0`);
      expect(version(repo, pkg)).toBe('0.1.0');
      expect(repo.exists(`packages/${pkg}/CHANGELOG.md`)).toBe(false);
    }
    expect(run.output).toContain('  - Responses of countBackupShares no longer carry count.');
    expect(run.output).toContain('release (dry run): 3 package(s) would be published; nothing in the repo was changed.');
    expect(repo.exists('.changeset/drop-count.md')).toBe(true);
    expect(repo.read('spec/huawei-vbs/released/openapi.json')).not.toEqual(repo.read('spec/huawei-vbs/dist/openapi.json'));
  });

  it('versions in place, writes the changelogs and makes the bundles the new release baseline', () => {
    const repo = scratch().change(additiveMutations[0]!).addChangeset('note', allThree('minor'), 'Counts carry an optional note.');
    const run = repo.runRelease();
    expect(run.status, run.output).toBe(0);
    for (const pkg of ['types', 'client', 'mock']) {
      expect(version(repo, pkg)).toBe('0.2.0');
      expect(repo.read(`packages/${pkg}/CHANGELOG.md`)).toContain('- Counts carry an optional note.');
    }
    expect(repo.exists('.changeset/note.md')).toBe(false);
    expect(repo.read('spec/huawei-vbs/released/openapi.json')).toEqual(repo.read('spec/huawei-vbs/dist/openapi.json'));
    expect(run.output).toContain('released bundles refreshed: spec/alibaba-hbr/released/openapi.json, spec/huawei-vbs/released/openapi.json');
    const gate = repo.runGate();
    expect(gate.output).toContain('contract gate: passed (the contracts match their released bundles)');
  });

  it('refuses to version when the changesets are smaller than the contract change', () => {
    const repo = scratch().change(breakingMutations[0]!).addChangeset('drop-count', allThree('minor'));
    const run = repo.runRelease();
    expect(run.status).toBe(1);
    expect(run.output).toContain('contract gate: FAILED: the contract changes call for a major release');
    expect(version(repo, 'types')).toBe('0.1.0');
    expect(repo.exists('.changeset/drop-count.md')).toBe(true);
  });
});
