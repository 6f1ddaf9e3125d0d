// The two checks every code sample of the references gets: its TypeScript type-checks (strict)
// against the built packages, and every sample, TypeScript and curl, run against a real mock,
// gets the operation's documented success status with a body its schema accepts. Problems are
// listed under `<api> <operationId>`, so a failure names the operation whose sample broke.
import { readFileSync } from 'node:fs';
import { ContractSchemaValidator, listOperations, type OpenApiDocument, pointerEscape, resolvePointer } from '@cloud-backup-contracts/testkit';
import type { ApiReference } from '../../scripts/apis.mjs';
import { type CodeSample, mockOrigin, samplesInBundle, sampleLabels } from '../../scripts/code-samples.mjs';
import { type RecordingRelay, startRelay } from './recording-relay.ts';
import { compileSamples, runCommand, type SampleModule, type SampleProject } from './sample-project.ts';

export interface SampleSet {
  api: ApiReference;
  /** the contract the success responses are checked against */
  contract: OpenApiDocument;
  operations: { operationId: string; samples: CodeSample[] }[];
}

/** The samples a reference page shows, read from the bundle the docs build rendered it from. */
export function publishedSamples(api: ApiReference): SampleSet {
  const reference = JSON.parse(readFileSync(api.referencePath, 'utf8'));
  const contract = JSON.parse(readFileSync(api.bundlePath, 'utf8')) as OpenApiDocument;
  return { api, contract, operations: samplesInBundle(reference) };
}

export const operationKey = (set: SampleSet, operationId: string) => `${set.api.name} ${operationId}`;

function sampleOf(operation: SampleSet['operations'][number], label: string): CodeSample | undefined {
  return operation.samples.find((sample) => sample.label === label);
}

/** The TypeScript modules of the sets, each aimed at `origins[api]` instead of the mock's default port. */
export function typescriptModules(sets: SampleSet[], origins: Record<string, string> = {}): SampleModule[] {
  return sets.flatMap((set) =>
    set.operations.flatMap(({ operationId, samples }) => {
      const sample = samples.find((s) => s.label === sampleLabels.typescript);
      return sample ? [{ id: `${set.api.name}/${operationId}`, source: aimedAt(sample.source, set.api, origins[set.api.name]) }] : [];
    }),
  );
}

/** Replaces the mock's default origin in a sample; a sample that does not aim at it fails loudly. */
function aimedAt(source: string, api: ApiReference, origin: string | undefined): string {
  const printed = mockOrigin(api.entry);
  if (!source.includes(printed)) throw new Error(`a ${api.name} sample does not call the local mock at ${printed}:\n${source}`);
  return origin === undefined ? source : source.replaceAll(printed, origin);
}

/** Type-checks every TypeScript sample; problems per operation. */
export async function typeCheckProblems(project: SampleProject, sets: SampleSet[]): Promise<Record<string, string[]>> {
  const byOperation: Record<string, string[]> = {};
  for (const [id, lines] of Object.entries(project.problems)) {
    const set = sets.find((s) => id.startsWith(`${s.api.name}/`));
    byOperation[set ? operationKey(set, id.slice(set.api.name.length + 1)) : id] = lines;
  }
  return byOperation;
}

interface Success {
  status: number;
  schemaPointer: string | undefined;
}

/** The operation's documented success: its first 2xx, and the JSON schema of that body if it has one. */
function documentedSuccess(contract: OpenApiDocument, operationId: string): Success {
  const op = listOperations(contract).find((candidate) => candidate.operationId === operationId);
  if (!op) throw new Error(`the contract has no operation ${operationId}`);
  const status = Object.keys(op.operation.responses as object).find((code) => /^2\d\d$/.test(code));
  if (!status) throw new Error(`${operationId} documents no success response`);
  const { pointer, value } = resolvePointer(contract, `${op.pointer}/responses/${status}`);
  const json = Object.keys((value as { content?: object }).content ?? {}).find((type) => /json/.test(type));
  return { status: Number(status), schemaPointer: json ? `${pointer}/content/${pointerEscape(json)}/schema` : undefined };
}

/** One recording relay per API in front of its mock; the samples are compiled and run against these. */
export async function startRelays(sets: SampleSet[], mockUrls: Record<string, string>): Promise<Record<string, RecordingRelay>> {
  const relays: Record<string, RecordingRelay> = {};
  for (const set of sets) {
    const target = mockUrls[set.api.name];
    if (!target) throw new Error(`no mock URL for ${set.api.name}`);
    relays[set.api.name] = await startRelay(target);
  }
  return relays;
}

export const originsOf = (relays: Record<string, RecordingRelay>) => Object.fromEntries(Object.entries(relays).map(([name, relay]) => [name, relay.origin]));

/**
 * Runs each sample once, TypeScript (the module compiled in `project`, under node) and curl
 * (under sh), through its API's relay. Each must exit 0 after exactly one request answered with
 * the documented success.
 */
export async function runProblems(project: SampleProject, sets: SampleSet[], relays: Record<string, RecordingRelay>): Promise<Record<string, string[]>> {
  const problems: Record<string, string[]> = {};
  for (const set of sets) {
    const relay = relays[set.api.name];
    if (!relay) throw new Error(`no relay for ${set.api.name}`);
    const validator = new ContractSchemaValidator(set.contract);
    for (const operation of set.operations) {
      const success = documentedSuccess(set.contract, operation.operationId);
      for (const label of Object.values(sampleLabels)) {
        const sample = sampleOf(operation, label);
        const found: string[] = [];
        if (!sample) found.push(`no ${label} sample`);
        else {
          relay.exchanges.length = 0;
          const run =
            label === sampleLabels.typescript
              ? await runCommand(process.execPath, [project.jsPath(`${set.api.name}/${operation.operationId}`)], { cwd: project.dir, timeoutMs: 30_000 })
              : await runCommand('sh', ['-c', aimedAt(sample.source, set.api, relay.origin)], { cwd: project.dir, timeoutMs: 30_000 });
          if (run.code !== 0) found.push(`exited ${run.code}: ${run.stderr.trim().split('\n').slice(0, 6).join(' | ')}`);
          found.push(...exchangeProblems(relay.exchanges, success, validator));
        }
        if (found.length > 0) problems[`${operationKey(set, operation.operationId)} (${label})`] = found;
      }
    }
  }
  return problems;
}

function exchangeProblems(
  exchanges: { method: string; url: string; status: number; body: string }[],
  success: Success,
  validator: ContractSchemaValidator,
): string[] {
  if (exchanges.length !== 1) return [`sent ${exchanges.length} requests to the mock, expected one`];
  const [{ method, url, status, body }] = exchanges as [(typeof exchanges)[number]];
  if (status !== success.status) return [`${method} ${url} got ${status}, documented success is ${success.status}: ${body.slice(0, 300)}`];
  if (success.schemaPointer === undefined) return body === '' ? [] : [`${method} ${url} got a body where the contract documents none`];
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return [`${method} ${url} got a body that is not JSON: ${body.slice(0, 200)}`];
  }
  const { valid, errors } = validator.validate(success.schemaPointer, parsed);
  return valid ? [] : [`${method} ${url} got a ${status} body the contract's schema refuses: ${errors.join('; ')}`];
}

export { compileSamples, type SampleProject };
