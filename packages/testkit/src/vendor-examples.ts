import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ApiName, listOperations, loadBundle, pointerEscape, pointerGet, repoRoot } from './bundles.ts';
import { ContractSchemaValidator } from './schema-validator.ts';

/** A vendor's own example answer, copied from a public page, SDK fixture or doc repository. */
export interface VendorExample {
  /** Where the answer was copied from (an https URL). */
  source: string;
  /** Other public copies of the same answer. */
  alsoIn?: string[];
  /** The contract operation that answers it. */
  operationId: string;
  /** The HTTP status it was answered with. */
  status: string;
  body: unknown;
}

/**
 * What each fixture leaves out that the contract requires, as `instancePath property` pairs
 * (`/shared/0 created_at`). Every fixture file is listed, with `[]` when it leaves out nothing;
 * the contract's description of each named field says which source it follows and why.
 */
export type LeftOut = Record<string, string[]>;

const requiredProblem = /^(\S*) must have required property '([^']+)'$/;

/** The vendors' own example answers (spec/<api>/test/vendor-examples/*.json) validate against the contract's response schemas. */
export function describeVendorExamples(api: ApiName, leftOut: LeftOut): void {
  const folder = join(repoRoot, 'spec', api, 'test', 'vendor-examples');
  const files = readdirSync(folder)
    .filter((name) => name.endsWith('.json'))
    .sort();
  const doc = loadBundle(api);
  const validator = new ContractSchemaValidator(doc);
  const operations = new Map(listOperations(doc).map((operation) => [operation.operationId, operation]));

  describe(`${api} vendor examples`, () => {
    it('lists every fixture in the table of fields left out, and nothing else', () => {
      expect(files.length).toBeGreaterThan(0);
      expect(Object.keys(leftOut).sort()).toEqual(files);
    });

    it.each(files)('%s validates against its operation response schema, short only of the fields the table names', (file) => {
      const example = JSON.parse(readFileSync(join(folder, file), 'utf8')) as VendorExample;
      for (const url of [example.source, ...(example.alsoIn ?? [])]) expect(new URL(url).protocol).toBe('https:');
      const operation = operations.get(example.operationId);
      expect(operation, `no operation ${example.operationId}`).toBeDefined();
      // a response may be a component the operation refers to
      let response = `${operation!.pointer}/responses/${example.status}`;
      const ref = (pointerGet(doc, response) as { $ref?: string } | undefined)?.$ref;
      if (ref?.startsWith('#/')) response = ref.slice(1);
      const media = `${response}/content/${pointerEscape('application/json')}/schema`;
      const { errors } = validator.validate(media, example.body);
      const missing = errors.map((error) => error.replace(requiredProblem, '$1 $2'));
      expect(missing.sort()).toEqual([...(leftOut[file] ?? [])].sort());
    });
  });
}
