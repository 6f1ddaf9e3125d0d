// What the front reads from a contract, with every `$ref` followed once: the operations (method,
// path template), the example names each documents per status (for `Prefer`), and the error
// examples refusals are shaped on. The generate script writes it for each bundled contract into
// generated/indexes/; the mock indexes a contract given with `--spec` at start with this same
// function. Plain ESM with JSDoc types, so bare `node` (the generate script) can import it too.

/**
 * `application/json` or a `+json` type such as `application/problem+json`, parameters allowed.
 * @param {string} mediaType
 */
export const isJsonMediaType = (mediaType) => /^application\/([\w.+-]+\+)?json\b/i.test(mediaType);

/**
 * @typedef {{ paths?: Record<string, Record<string, any> | null | undefined>, [key: string]: unknown }} OpenApiDoc
 * @typedef {{ mediaType: string, name: string | undefined, value: unknown }} DocumentedExample
 * @typedef {object} IndexedOperation
 * @property {string} method in capitals, as requests carry it
 * @property {string} path the path template, e.g. `/v2/{project_id}/shares`
 * @property {string} [operationId]
 * @property {Record<string, string[]>} examples per documented status, the names of its examples
 * @property {Record<string, unknown[]>} jsonExamples per documented status, the values of its JSON examples
 * @property {Record<string, unknown>} errorBodies per status, the first JSON object example documented
 * @typedef {object} ContractIndex
 * @property {IndexedOperation[]} operations in the contract's order
 * @property {Record<string, unknown>} errorBodies per status, the first JSON object example of any operation
 */

/** The methods a path item can hold, as the contract writes them. */
export const httpMethods = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

/**
 * One JSON pointer segment as written in a document (`~1` is `/`, `~0` is `~`).
 * @param {string} part
 */
export const unescapePointer = (part) => part.replace(/~1/g, '/').replace(/~0/g, '~');

/**
 * The node at a JSON pointer of the document, `$ref`s on the way not followed.
 * @param {unknown} doc
 * @param {string} pointer
 * @returns {unknown}
 */
export const nodeAt = (doc, pointer) =>
  pointer
    .split('/')
    .slice(1)
    .reduce((value, part) => /** @type {Record<string, unknown> | undefined} */ (value)?.[unescapePointer(part)], doc);

/**
 * The node a chain of local `$ref`s ends at, and its JSON pointer in the document (bundles keep
 * shared responses, schemas and examples under components); a ref seen before ends the chain.
 * @param {unknown} doc
 * @param {unknown} node
 * @param {string} pointer where `node` sits
 * @returns {{ node: unknown, pointer: string }}
 */
export function follow(doc, node, pointer) {
  const seen = new Set();
  let current = node;
  let at = pointer;
  for (;;) {
    const ref = /** @type {{ $ref?: unknown } | undefined} */ (current)?.$ref;
    if (typeof ref !== 'string' || !ref.startsWith('#') || seen.has(ref)) return { node: current, pointer: at };
    seen.add(ref);
    at = ref.slice(1);
    current = nodeAt(doc, at);
  }
}

/**
 * @param {OpenApiDoc} doc
 * @param {unknown} node
 */
const resolve = (doc, node) => follow(doc, node, '').node;

/**
 * Every example a response documents, per media type: its single `example`, else its named `examples`.
 * @param {OpenApiDoc} doc
 * @param {unknown} response
 * @returns {DocumentedExample[]}
 */
export function examplesOf(doc, response) {
  const resolved = /** @type {{ content?: Record<string, { example?: unknown, examples?: Record<string, unknown> }> } | undefined} */ (resolve(doc, response));
  /** @type {DocumentedExample[]} */
  const examples = [];
  for (const [mediaType, media] of Object.entries(resolved?.content ?? {})) {
    if (media.example !== undefined) examples.push({ mediaType, name: undefined, value: media.example });
    else
      for (const [name, example] of Object.entries(media.examples ?? {}))
        examples.push({ mediaType, name, value: /** @type {{ value?: unknown } | undefined} */ (resolve(doc, example))?.value });
  }
  return examples;
}

/**
 * The first JSON object example of a response: what a refusal with its status is shaped on.
 * @param {DocumentedExample[]} examples
 */
const errorExample = (examples) =>
  examples.find(({ mediaType, value }) => mediaType === 'application/json' && typeof value === 'object' && value !== null)?.value;

/**
 * The contract as the front reads it.
 * @param {OpenApiDoc} doc
 * @returns {ContractIndex}
 */
export function indexContract(doc) {
  /** @type {ContractIndex} */
  const index = { operations: [], errorBodies: {} };
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    // in the path item's own order, which decides whose example shapes a refusal
    for (const [method, operation] of Object.entries(item ?? {})) {
      if (!httpMethods.includes(method) || !operation) continue;
      /** @type {IndexedOperation} */
      const indexed = { method: method.toUpperCase(), path, examples: {}, jsonExamples: {}, errorBodies: {} };
      if (typeof operation.operationId === 'string') indexed.operationId = operation.operationId;
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        const examples = examplesOf(doc, response);
        indexed.examples[status] = [...new Set(examples.flatMap(({ name }) => (name === undefined ? [] : [name])))];
        indexed.jsonExamples[status] = examples.filter(({ mediaType }) => isJsonMediaType(mediaType)).map(({ value }) => value);
        const body = errorExample(examples);
        if (body === undefined) continue;
        indexed.errorBodies[status] = body;
        index.errorBodies[status] ??= body;
      }
      index.operations.push(indexed);
    }
  }
  return index;
}
