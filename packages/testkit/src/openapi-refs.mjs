// JSON pointers and internal `$ref`s over a bundled OpenAPI document: the one implementation the
// generators, scripts and tests share. Plain ESM with JSDoc types, so bare `node` can run it and
// TypeScript reads its types (consumers need `allowJs`).

/** @typedef {{ [key: string]: unknown }} JsonObject */

/**
 * Escapes one key for use as a JSON pointer segment (RFC 6901): `~` -> `~0`, `/` -> `~1`.
 * @param {string} key
 * @returns {string}
 */
export function pointerEscape(key) {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * Reverses {@link pointerEscape} on one segment: `~1` -> `/`, then `~0` -> `~`.
 * @param {string} segment
 * @returns {string}
 */
export function pointerUnescape(segment) {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/**
 * The value at a JSON pointer (`''` is the whole document, `/paths/~1x/get` one operation);
 * undefined when nothing is there.
 * @param {unknown} doc
 * @param {string} pointer
 * @returns {unknown}
 */
export function pointerGet(doc, pointer) {
  if (pointer !== '' && !pointer.startsWith('/')) throw new Error(`not a JSON pointer: "${pointer}" (it must be empty or start with "/")`);
  /** @type {any} */
  let node = doc;
  for (const segment of pointer.split('/').slice(1)) {
    if (node === null || typeof node !== 'object') return undefined;
    const key = pointerUnescape(segment);
    if (!Object.hasOwn(node, key)) return undefined;
    node = node[key];
  }
  return node;
}

/**
 * Follows internal `$ref`s (`#/...`, the only kind a bundle holds) from the value at `pointer`
 * until it reaches a value that is not a reference.
 * @param {unknown} doc
 * @param {string} pointer
 * @returns {{ pointer: string, value: unknown }} the value and the pointer it was found at;
 *   `value` is undefined when nothing is at `pointer` itself
 */
export function resolvePointer(doc, pointer) {
  return follow(doc, pointer, pointerGet(doc, pointer));
}

/**
 * A node with its internal `$ref`s followed; any other value (undefined included) comes back as is.
 * Throws naming the reference when one dangles, loops or is external.
 * @template [T=JsonObject]
 * @param {unknown} doc
 * @param {unknown} node
 * @returns {T}
 */
export function resolveRef(doc, node) {
  return /** @type {T} */ (follow(doc, '', node).value);
}

/**
 * @param {unknown} doc
 * @param {string} pointer where `value` sits
 * @param {unknown} value
 * @returns {{ pointer: string, value: unknown }}
 */
function follow(doc, pointer, value) {
  /** @type {string[]} */
  const seen = [];
  while (isReference(value)) {
    const ref = value.$ref;
    if (ref !== '#' && !ref.startsWith('#/')) throw new Error(`$ref ${ref} cannot be resolved: only internal "#/..." references are`);
    if (seen.includes(ref)) throw new Error(`$ref loop: ${[...seen, ref].join(' -> ')}`);
    seen.push(ref);
    pointer = ref.slice(1);
    value = pointerGet(doc, pointer);
    if (value === undefined) throw new Error(`dangling $ref ${ref}: nothing at that pointer`);
  }
  return { pointer, value };
}

/**
 * @param {unknown} node
 * @returns {node is { $ref: string }}
 */
function isReference(node) {
  return typeof node === 'object' && node !== null && typeof (/** @type {JsonObject} */ (node).$ref) === 'string';
}

export const httpMethods = /** @type {const} */ (['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/** @typedef {(typeof httpMethods)[number]} HttpMethod */

/**
 * @typedef {object} OperationRef
 * @property {HttpMethod} method
 * @property {string} path
 * @property {string} operationId
 * @property {JsonObject} operation
 * @property {string} pointer JSON pointer of the operation in the document
 */

/**
 * Every operation in a contract, in document order (paths, then {@link httpMethods} order).
 * @param {{ paths?: Record<string, Record<string, unknown>> }} doc
 * @returns {OperationRef[]}
 */
export function listOperations(doc) {
  return Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    httpMethods
      .filter((method) => item[method])
      .map((method) => {
        const operation = /** @type {JsonObject} */ (item[method]);
        return { method, path, operationId: String(operation.operationId), operation, pointer: `/paths/${pointerEscape(path)}/${method}` };
      }),
  );
}
