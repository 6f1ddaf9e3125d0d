import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type ContractIndex, indexContract, type OpenApiDoc } from './contract-index.js';
// generated from the API registry (scripts/generate-registry.mjs), so this folder names no API
import { apis } from '#registry';

type ApiEntry = (typeof apis)[number];
/** The contracts the mock serves, by their registry (redocly.yaml) names. */
export type ApiName = ApiEntry['name'];

export const apiNames: readonly ApiName[] = apis.map((api) => api.name);

/** Where each contract answers unless told otherwise. */
export const defaultPorts = Object.fromEntries(apis.map((api) => [api.name, api.port])) as Readonly<Record<ApiName, number>>;

/** Each API's human name, e.g. for the help text. */
export const labelOf = Object.fromEntries(apis.map((api) => [api.name, api.label])) as Readonly<Record<ApiName, string>>;

/** The first two APIs given the same (non-zero) port, to be refused; undefined when all differ. */
export function portClash(ports: Readonly<Record<ApiName, number>>): [ApiName, ApiName] | undefined {
  for (const [index, api] of apiNames.entries()) {
    const other = apiNames.slice(index + 1).find((candidate) => ports[api] !== 0 && ports[candidate] === ports[api]);
    if (other) return [api, other];
  }
  return undefined;
}

/** The copy of a bundled contract this package ships in generated/contracts/. */
export function bundledContractPath(api: ApiName): string {
  return fileURLToPath(new URL(`../generated/contracts/${api}.json`, import.meta.url));
}

/**
 * Cheap checks before Prism is started, so a missing or broken contract is reported in one
 * line naming the file instead of as a Prism stack trace. Returns the problem, or undefined.
 * YAML files are left to Prism, which reports its own parse errors (and the mock relays them).
 */
export function contractProblem(file: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? `contract ${file} does not exist` : `contract ${file} cannot be read (${code ?? String(cause)})`;
  }
  if (!/\.json$/i.test(file) && !text.trimStart().startsWith('{')) return undefined;
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (cause) {
    return `contract ${file} is not valid JSON (${cause instanceof Error ? cause.message : String(cause)})`;
  }
  const record = (typeof doc === 'object' && doc !== null ? doc : {}) as Record<string, unknown>;
  if (typeof record.openapi !== 'string' || !/^3\./.test(record.openapi)) return `contract ${file} is not an OpenAPI 3.x document (no "openapi": "3.x" field)`;
  if (typeof record.paths !== 'object' || record.paths === null || Object.keys(record.paths).length === 0) return `contract ${file} declares no paths`;
  return undefined;
}

/** The bundled contract as the front reads it, written by the generate task (scripts/generate-registry.mjs). */
export const bundledContractIndex = (api: ApiName): ContractIndex =>
  JSON.parse(readFileSync(new URL(`../generated/indexes/${api}.json`, import.meta.url), 'utf8')) as ContractIndex;

/** A given contract as the front reads it, indexed now; undefined for a YAML one (left to Prism alone). */
export function readContractIndex(file: string): ContractIndex | undefined {
  let doc: OpenApiDoc;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
  return indexContract(doc);
}
