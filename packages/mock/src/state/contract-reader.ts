// What models read from the contract at start: an operation by its operationId and the JSON
// examples of one of its responses. Missing pieces are ModelSeedErrors naming them.
import { examplesOf, type OpenApiDoc } from '../contract-index.js';
import { ModelSeedError } from './model.js';

/** The operation with this operationId; throws ModelSeedError when the contract has none. */
export function operationById(doc: OpenApiDoc, operationId: string): { responses?: Record<string, unknown> } {
  for (const item of Object.values(doc.paths ?? {})) {
    for (const operation of Object.values(item ?? {})) {
      if (operation?.operationId === operationId) return operation;
    }
  }
  throw new ModelSeedError(`the contract has no operation ${operationId}`);
}

/** The JSON example values one response of an operation documents (its `example`, else its named `examples`). */
export function responseExamples(doc: OpenApiDoc, operationId: string, status: number): unknown[] {
  const response = operationById(doc, operationId).responses?.[String(status)];
  return examplesOf(doc, response)
    .filter(({ mediaType }) => /^application\/([\w.+-]+\+)?json\b/i.test(mediaType))
    .map(({ value }) => value);
}
