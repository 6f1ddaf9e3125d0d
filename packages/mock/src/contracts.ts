import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The two contracts the mock serves, by their redocly.yaml names. */
export const apiNames = ['huawei-vbs', 'alibaba-hbr'] as const;
export type ApiName = (typeof apiNames)[number];

/** Where each contract answers unless told otherwise. */
export const defaultPorts: Readonly<Record<ApiName, number>> = { 'huawei-vbs': 4010, 'alibaba-hbr': 4011 };

/** The copy of a bundled contract this package ships in dist/contracts/. */
export function bundledContractPath(api: ApiName): string {
  return fileURLToPath(new URL(`./contracts/${api}.json`, import.meta.url));
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
