import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { OpenApiDocument } from './bundles.ts';

// note: ajv-formats ships CommonJS; under ESM its function may arrive wrapped in `default`
type AddFormats = (ajv: Ajv2020) => unknown;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ?? addFormatsModule) as unknown as AddFormats;

const integerFormats = {
  int32: (value: number) => Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31,
  int64: (value: number) => Number.isInteger(value),
};

/**
 * A real JSON Schema 2020-12 validator over one bundled contract (OpenAPI 3.1 schemas are
 * 2020-12 schemas), addressed by JSON pointer into the document.
 */
export class ContractSchemaValidator {
  readonly #ajv: Ajv2020;
  readonly #cache = new Map<string, ValidateFunction>();

  constructor(doc: OpenApiDocument) {
    this.#ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
    addFormats(this.#ajv);
    for (const [name, validate] of Object.entries(integerFormats)) this.#ajv.addFormat(name, { type: 'number', validate });
    this.#ajv.addSchema(doc as object, 'contract', undefined, false);
  }

  /** Validates a value against the schema at `pointer` (e.g. `/components/schemas/BackupShare`). */
  validate(pointer: string, value: unknown): { valid: boolean; errors: string[] } {
    let check = this.#cache.get(pointer);
    if (!check) {
      check = this.#ajv.compile({ $ref: `contract#${pointer}` });
      this.#cache.set(pointer, check);
    }
    const valid = check(value) as boolean;
    return { valid, errors: (check.errors ?? []).map(describeError) };
  }
}

function describeError(error: ErrorObject): string {
  return `${error.instancePath || '(root)'} ${error.message ?? error.keyword}`;
}
