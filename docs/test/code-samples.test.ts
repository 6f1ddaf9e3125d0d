// The code samples the references show: one TypeScript and one curl sample per operation,
// type-checked against the built packages and run against the real contract mock; and proof that
// a sample broken on purpose fails, naming its operation.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningMock, startMock } from '@cloud-backup-contracts/mock';
import openapiTS, { astToString } from 'openapi-typescript';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiReferences, operationsOf } from '../scripts/apis.mjs';
import { codeSamplesOf, sampleLabels, samplesInBundle } from '../scripts/code-samples.mjs';
import type { RecordingRelay } from './support/recording-relay.ts';
import {
  compileSamples,
  originsOf,
  publishedSamples,
  runProblems,
  type SampleProject,
  type SampleSet,
  startRelays,
  typeCheckProblems,
  typescriptModules,
} from './support/sample-checks.ts';

const sets = apiReferences.map(publishedSamples);
const setOf = (name: string) => sets.find((set) => set.api.name === name)!;
const everyPortFree = () => Object.fromEntries(apiReferences.map((api) => [api.name, 0]));

/** The Alibaba contract with its required `SourceType` renamed, the samples left as they were. */
const renamed = { api: 'alibaba-hbr', component: 'SourceType', from: 'SourceType', to: 'DataSourceType' };
const scratch = mkdtempSync(join(tmpdir(), 'docs-renamed-contract-'));
const renamedContractPath = join(scratch, `${renamed.api}.json`);
function renamedContract() {
  const contract = structuredClone(setOf(renamed.api).contract) as any;
  const parameter = contract.components.parameters[renamed.component];
  expect(parameter.name).toBe(renamed.from);
  parameter.name = renamed.to;
  return contract;
}

let renamedMock: RunningMock | undefined;
let relays: Record<string, RecordingRelay>;
const ownRelays: RecordingRelay[] = [];
/** every published TypeScript sample, aimed at the relays, compiled once for the checks below */
let project: SampleProject;

beforeAll(async () => {
  relays = await startRelays(sets, inject('plainMock').urls);
  ownRelays.push(...Object.values(relays));
  project = await compileSamples(typescriptModules(sets, originsOf(relays)));
}, 180_000);

afterAll(async () => {
  project?.dispose();
  await Promise.all(ownRelays.map((relay) => relay.close()));
  await renamedMock?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

describe('the code samples of every reference', () => {
  it.each(apiReferences.map((api) => ({ api, name: api.name })))('$name: every operation shows a TypeScript and a curl sample', ({ api }) => {
    const contract = JSON.parse(readFileSync(api.bundlePath, 'utf8'));
    const shown = samplesInBundle(JSON.parse(readFileSync(api.referencePath, 'utf8')));
    expect(shown.map((op) => op.operationId)).toEqual(operationsOf(contract).map((op) => op.operationId));
    for (const { samples } of shown) {
      expect(samples.map((sample) => sample.label)).toEqual([sampleLabels.typescript, sampleLabels.curl]);
      for (const sample of samples) expect(sample.source.trim()).not.toBe('');
    }
  });

  it.each(apiReferences.map((api) => ({ api, name: api.name })))('$name: the page shows what the contract and registry give today', ({ api }) => {
    const contract = JSON.parse(readFileSync(api.bundlePath, 'utf8'));
    const shown = samplesInBundle(JSON.parse(readFileSync(api.referencePath, 'utf8')));
    const fresh = codeSamplesOf(contract, api.entry).map(({ operationId, typescript, curl }) => ({ operationId, samples: [typescript, curl] }));
    expect(shown).toEqual(fresh);
  });

  it('TypeScript samples leave out what the client fills in, and curl samples send it', () => {
    const huawei = setOf('huawei-vbs').operations.find((op) => op.operationId === 'countBackupShares')!;
    const [typescript, curl] = huawei.samples;
    expect(typescript?.source).not.toMatch(/\bproject_id\b/);
    expect(curl?.source).toMatch(/\/v2\/0605767c3f00d5762fa8c0147ee18d02\/os-vendor-backup-sharing\/count\?/);
    const alibaba = setOf('alibaba-hbr').operations.find((op) => op.operationId === 'getBasicStatistics')!;
    expect(alibaba.samples[0]?.source).not.toMatch(/Action|Version|x-acs-/);
    // beside an ACS3 Authorization header, Action and Version travel as x-acs-* headers, never also in the query
    expect(alibaba.samples[1]?.source).toMatch(/-H 'x-acs-action: GetBasicStatistics'/);
    expect(alibaba.samples[1]?.source).not.toMatch(/[?&](Action|Version)=/);
  });

  it('every TypeScript sample type-checks (strict) against the built packages', async () => {
    expect(await typeCheckProblems(project, sets)).toEqual({});
  });

  it('every sample, TypeScript and curl, gets the documented success from the mock', async () => {
    expect(await runProblems(project, sets, relays)).toEqual({});
  });
});

describe('a sample broken on purpose fails, naming its operation', () => {
  it('a wrong method name fails the type check and the run', async () => {
    const broken: SampleSet = {
      ...setOf('huawei-vbs'),
      operations: setOf('huawei-vbs').operations.map((op) =>
        op.operationId !== 'countBackupShares'
          ? op
          : {
              ...op,
              samples: op.samples.map((s) =>
                s.label === sampleLabels.typescript ? { ...s, source: s.source.replace('client.countBackupShares(', 'client.countBackupShare(') } : s,
              ),
            },
      ),
    };
    expect(broken.operations.find((op) => op.operationId === 'countBackupShares')?.samples[0]?.source).toContain('client.countBackupShare(');
    const project = await compileSamples(typescriptModules([broken], originsOf(relays)));
    try {
      const typeProblems = await typeCheckProblems(project, [broken]);
      expect(Object.keys(typeProblems)).toEqual(['huawei-vbs countBackupShares']);
      expect(typeProblems['huawei-vbs countBackupShares']?.join('\n')).toMatch(/Property 'countBackupShare' does not exist/);
      const onlyCount = { ...broken, operations: broken.operations.filter((op) => op.operationId === 'countBackupShares') };
      const runs = await runProblems(project, [onlyCount], relays);
      expect(Object.keys(runs)).toEqual(['huawei-vbs countBackupShares (TypeScript)']);
      expect(runs['huawei-vbs countBackupShares (TypeScript)']?.join('\n')).toMatch(/countBackupShare is not a function/);
    } finally {
      project.dispose();
    }
  });

  it(`a parameter renamed in the contract (${renamed.from} -> ${renamed.to}) without regenerating fails the type check and the run`, async () => {
    const stale = setOf(renamed.api);
    writeFileSync(renamedContractPath, JSON.stringify(renamedContract()));
    // note: free ports, never the registry's, so other packages' tests may run beside these
    renamedMock = await startMock({ ports: everyPortFree(), specs: { [renamed.api]: renamedContractPath }, readyTimeoutMs: 90_000 });
    // the types the renamed contract would give, in place of the built ones
    const types = astToString(await openapiTS(renamedContract()));
    const renamedRelays = await startRelays([stale], renamedMock.urls);
    ownRelays.push(...Object.values(renamedRelays));
    const project = await compileSamples(typescriptModules([stale], originsOf(renamedRelays)), {
      files: { [`src/renamed-types/${renamed.api}.ts`]: types },
      paths: { [`@cloud-backup-contracts/types/${renamed.api}`]: [`./src/renamed-types/${renamed.api}.ts`] },
    });
    try {
      const affected = stale.operations.map((op) => `${renamed.api} ${op.operationId}`);
      const typeProblems = await typeCheckProblems(project, [stale]);
      expect(Object.keys(typeProblems).sort()).toEqual([...affected].sort());
      for (const key of affected) expect(typeProblems[key]?.join('\n')).toMatch(new RegExp(renamed.to));

      const runs = await runProblems(project, [stale], renamedRelays);
      expect(Object.keys(runs).sort()).toEqual(affected.flatMap((key) => Object.values(sampleLabels).map((label) => `${key} (${label})`)).sort());
      for (const found of Object.values(runs)) expect(found.join('\n')).toMatch(/got 400, documented success is 200/);
    } finally {
      project.dispose();
    }
  });
});
