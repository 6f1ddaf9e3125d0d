import { describe, expect, it } from 'vitest';
import { additiveMutations, breakingMutations, proseMutations } from './support/bundles.js';
import { allThree, useScratchRepos } from './support/scratch-repo.js';

const removeCount = breakingMutations[0]!;
const addField = additiveMutations[0]!;
const scratch = useScratchRepos();

describe('the contract gate on a workspace', () => {
  it('passes when the contracts match their released bundles', () => {
    const run = scratch().runGate();
    expect(run.output).toContain('huawei-vbs: no change since its released bundle');
    expect(run.output).toContain('contract gate: passed (the contracts match their released bundles)');
    expect(run.status).toBe(0);
  });

  it('fails on a breaking change with no changeset, printing the explanation and what to do', () => {
    const run = scratch().change(removeCount).runGate();
    expect(run.output).toContain('huawei-vbs: 2 change(s) since its released bundle, calling for a major release');
    expect(run.output).toMatch(/major \[Removed\] property `count` in Response 200 content \(application\/json\)/);
    expect(run.output).toContain(
      'at /paths/~1v2~1{project_id}~1os-vendor-backup-sharing~1count/get/responses/200/content/application~1json/schema/properties/count',
    );
    expect(run.output).toContain('contract gate: FAILED: the contract changes call for a major release');
    expect(run.output).toContain('Run `npm run pnpm -- changeset`, pick all three packages and choose "major"');
    expect(run.status).toBe(1);
  });

  it.each([
    { given: 'a major changeset for all three packages', bumps: allThree('major'), status: 0 },
    { given: 'a minor changeset for all three packages', bumps: allThree('minor'), status: 1 },
    {
      given: 'a major changeset that leaves out the mock',
      bumps: { '@cloud-backup-contracts/types': 'major', '@cloud-backup-contracts/client': 'major' } as const,
      status: 1,
    },
  ])('a breaking change with $given exits $status', ({ bumps, status }) => {
    const run = scratch().change(removeCount).addChangeset('remove-count', bumps).runGate();
    expect(run.status, run.output).toBe(status);
    if (status === 1) expect(run.output).toMatch(/but the pending changesets give .*@cloud-backup-contracts\/mock (minor|patch|none)/);
  });

  it.each([
    { given: 'an additive change with a minor changeset', mutation: addField, bumps: allThree('minor'), status: 0 },
    { given: 'an additive change with no changeset', mutation: addField, bumps: undefined, status: 1 },
    { given: 'a prose change with a patch changeset', mutation: proseMutations[0]!, bumps: allThree('patch'), status: 0 },
    { given: 'a prose change with no changeset', mutation: proseMutations[0]!, bumps: undefined, status: 1 },
  ])('$given exits $status', ({ mutation, bumps, status }) => {
    const repo = scratch().change(mutation);
    if (bumps) repo.addChangeset('change', bumps);
    const run = repo.runGate();
    expect(run.status, run.output).toBe(status);
  });

  it('asks for at least a minor release of an API that was never released', () => {
    const run = scratch().remove('spec/alibaba-hbr/released').runGate();
    expect(run.output).toContain('alibaba-hbr has never been released: the whole contract is new');
    expect(run.output).toContain('call for a minor release');
    expect(run.status).toBe(1);
  });

  it('exits 2 with the missing file named when a contract is not bundled', () => {
    const repo = scratch().remove('spec/huawei-vbs/dist');
    const run = repo.runGate();
    expect(run.output).toMatch(/^contract-gate: .*spec\/huawei-vbs\/dist\/openapi\.json is missing: bundle the contracts first \(npm run build\)/);
    expect(run.status).toBe(2);
  });
});
