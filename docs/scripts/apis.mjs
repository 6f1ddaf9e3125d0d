// The references the site builds, one per API in the registry (redocly.yaml): which bundle
// each reads, what its page is called, and what each operation's section must show.
import { fileURLToPath } from 'node:url';
import { listOperations, resolveRef } from '@cloud-backup-contracts/testkit/openapi-refs';
import { loadRegistry } from '@cloud-backup-contracts/testkit/registry';

/**
 * @typedef {object} ApiReference
 * @property {string} name
 * @property {string} title
 * @property {string} label
 * @property {string} bundlePath the contract's bundle
 * @property {string} referencePath the copy Redoc renders: the bundle with notes and code samples
 * @property {import('@cloud-backup-contracts/testkit/registry').ApiEntry} entry the registry entry
 */

/** Where the build keeps the bundles the references render, for the tests to read back. */
export const referenceBundleDir = fileURLToPath(new URL('../dist/references/', import.meta.url));

/** @type {ApiReference[]} */
export const apiReferences = loadRegistry().map((entry) => ({
  name: entry.name,
  title: entry.title,
  label: entry.label,
  bundlePath: entry.bundle,
  referencePath: `${referenceBundleDir}${entry.name}.json`,
  entry,
}));

/** What the reference says of a parameter the contract marks `x-client-filled: true`. */
export const clientFilledNote = 'Filled in by the typed client from its configuration; callers of the client never pass it.';

/**
 * @param {any} bundle
 * @param {string} path
 * @param {any} operation
 * @returns {any[]} the operation's parameters, path-level ones first, `$ref`s resolved
 */
export function parametersOf(bundle, path, operation) {
  return [...(bundle.paths[path].parameters ?? []), ...(operation.parameters ?? [])].map((parameter) => resolveRef(bundle, parameter));
}

/**
 * Every operation of a bundled contract with what its reference page must show.
 * @param {any} bundle a parsed OpenAPI 3.1 document
 */
export function operationsOf(bundle) {
  return listOperations(bundle).map(({ method, path, operation }) => {
    /** @type {any} */
    const op = operation;
    return {
      method: method.toUpperCase(),
      path,
      operationId: op.operationId,
      summary: op.summary,
      tags: op.tags ?? [],
      parameters: parametersOf(bundle, path, op).map((p) => ({ name: p.name, in: p.in, clientFilled: p['x-client-filled'] === true })),
      statuses: Object.keys(op.responses ?? {}),
    };
  });
}

/**
 * A copy of the bundle for the reference page: each parameter marked `x-client-filled` has
 * {@link clientFilledNote} in front of its description, so readers of the raw HTTP reference
 * learn which values the typed client supplies.
 * @param {any} bundle
 * @returns {any}
 */
export function withClientFilledNotes(bundle) {
  const copy = structuredClone(bundle);
  const marked = new Set();
  for (const { path, operation } of listOperations(copy)) {
    for (const parameter of parametersOf(copy, path, operation)) if (parameter['x-client-filled'] === true) marked.add(parameter);
  }
  for (const parameter of marked) parameter.description = `${clientFilledNote}\n\n${parameter.description ?? ''}`.trim();
  return copy;
}
