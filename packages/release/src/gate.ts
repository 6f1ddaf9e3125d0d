// Compares each API's bundle with its released bundle and checks that the pending changesets give
// every public package at least the bump the changes call for.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import getReleasePlan from '@changesets/get-release-plan';
import { bumpRank, compareContracts, maxBump, type Bump, type ContractComparison } from './classify.js';
import { publicPackages } from './policy.js';

export interface ApiVerdict {
  api: string;
  /** false for an API that has never been released: all of it is new */
  released: boolean;
  comparison: ContractComparison;
}

export interface GateResult {
  apis: ApiVerdict[];
  /** the bump the contract changes call for */
  required: Bump;
  /** the bump the pending changesets give each public package */
  planned: Record<string, Bump>;
  changesets: string[];
  /** public packages whose planned bump is below the required one */
  short: string[];
}

export class GateInputError extends Error {
  override name = 'GateInputError';
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new GateInputError(`cannot read ${path}: ${(error as Error).message}`);
  }
}

/** Each contract is a spec/<api> package; its bundle is dist/openapi.json, its last release released/openapi.json. */
export function contractNames(root: string): string[] {
  const specDir = join(root, 'spec');
  if (!existsSync(specDir)) throw new GateInputError(`no spec/ folder under ${root}`);
  return readdirSync(specDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(specDir, entry.name, 'package.json')))
    .map((entry) => entry.name)
    .sort();
}

export function compareApis(root: string): ApiVerdict[] {
  const specDir = join(root, 'spec');
  return contractNames(root).map((api) => {
    const bundle = join(specDir, api, 'dist', 'openapi.json');
    if (!existsSync(bundle)) throw new GateInputError(`${bundle} is missing: bundle the contracts first (npm run build)`);
    const releasedPath = join(specDir, api, 'released', 'openapi.json');
    if (!existsSync(releasedPath)) {
      const change = { bump: 'minor' as const, pointer: '/', explanation: `${api} has never been released: the whole contract is new` };
      return { api, released: false, comparison: { bump: 'minor', changes: [change] } };
    }
    return { api, released: true, comparison: compareContracts(readJson(releasedPath), readJson(bundle)) };
  });
}

export async function checkGate(root: string): Promise<GateResult> {
  const apis = compareApis(root);
  const required = maxBump(apis.map((verdict) => verdict.comparison.bump));
  const plan = await getReleasePlan(root);
  const planned = Object.fromEntries(publicPackages.map((name) => [name, (plan.releases.find((release) => release.name === name)?.type ?? 'none') as Bump]));
  const short = publicPackages.filter((name) => bumpRank[planned[name]!] < bumpRank[required]);
  return { apis, required, planned, changesets: plan.changesets.map((changeset) => `${changeset.id}.md`).sort(), short };
}
