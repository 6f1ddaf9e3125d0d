// The provenance table of one bundled contract: every operation, parameter, named schema (and
// each property carrying its own), shared response and security scheme, with the public places
// its `x-provenance` names and the assumption it states. An object without `x-provenance`, or
// with neither sources nor an assumption, still gets its row, marked "no source given", so the
// page shows what is unsourced instead of leaving it out.
import { listOperations, resolveRef } from '@cloud-backup-contracts/testkit/openapi-refs';

/**
 * @typedef {object} ProvenanceRow
 * @property {string} kind `operation`, `parameter`, `schema`, `property`, `response` or `security scheme`
 * @property {string} name how the contract names the object
 * @property {string[]} sources the URLs it names, as written
 * @property {string | undefined} assumption
 */

/** What a row says when the contract gives an object no source and no assumption. */
export const noSourceGiven = 'no source given';

/** The page an API's provenance table is on, relative to the site root. */
export const provenancePage = (/** @type {string} */ apiName) => `provenance-${apiName}.html`;

/**
 * @param {string} kind
 * @param {string} name
 * @param {any} node the object that may carry `x-provenance`
 * @returns {ProvenanceRow}
 */
function rowOf(kind, name, node) {
  const provenance = node?.['x-provenance'];
  const sources = Array.isArray(provenance?.sources) ? provenance.sources.filter((/** @type {unknown} */ s) => typeof s === 'string') : [];
  const assumption = typeof provenance?.assumption === 'string' && provenance.assumption.trim() !== '' ? provenance.assumption.trim() : undefined;
  return { kind, name, sources, assumption };
}

/**
 * The rows of the properties, at any depth, of one named schema that carry their own provenance.
 * @param {string} path e.g. `ErrorDetail`
 * @param {any} schema
 * @returns {ProvenanceRow[]}
 */
function propertyRows(path, schema) {
  if (typeof schema !== 'object' || schema === null || typeof schema.$ref === 'string') return [];
  const rows = [];
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    if (typeof property !== 'object' || property === null) continue;
    if (/** @type {any} */ (property)['x-provenance'] !== undefined) rows.push(rowOf('property', `${path}.${name}`, property));
    rows.push(...propertyRows(`${path}.${name}`, property));
  }
  if (schema.items) rows.push(...propertyRows(`${path}[]`, schema.items));
  return rows;
}

/**
 * Every row of a bundled contract, in the contract's order within each kind.
 * @param {any} bundle a parsed OpenAPI 3.1 document, as `redocly bundle` writes it
 * @returns {ProvenanceRow[]}
 */
export function provenanceRows(bundle) {
  const components = bundle.components ?? {};
  const operations = listOperations(bundle);
  const rows = operations.map(({ method, path, operation }) =>
    rowOf('operation', /** @type {any} */ (operation).operationId ?? `${method.toUpperCase()} ${path}`, operation),
  );
  for (const [name, parameter] of Object.entries(components.parameters ?? {})) rows.push(rowOf('parameter', name, parameter));
  // note: a parameter written inline (not a component) is named by where it is: operation, location, name
  for (const { path, operation } of operations) {
    /** @type {any} */
    const op = operation;
    const inline = [...(bundle.paths[path].parameters ?? []), ...(op.parameters ?? [])].filter((p) => typeof p?.$ref !== 'string');
    for (const parameter of inline) rows.push(rowOf('parameter', `${op.operationId}: ${parameter.in} ${parameter.name}`, resolveRef(bundle, parameter)));
  }
  for (const [name, schema] of Object.entries(components.schemas ?? {})) rows.push(rowOf('schema', name, schema), ...propertyRows(name, schema));
  for (const [name, response] of Object.entries(components.responses ?? {})) rows.push(rowOf('response', name, response));
  for (const [name, scheme] of Object.entries(components.securitySchemes ?? {})) rows.push(rowOf('security scheme', name, scheme));
  return rows;
}

/** @param {string} text */
const escapeHtml = (text) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/**
 * One source as the table shows it: an https URL as a link, anything else as plain text (the
 * contracts lint refuses it; the page must not turn it into a link).
 * @param {string} source
 */
function sourceHtml(source) {
  let url;
  try {
    url = new URL(source);
  } catch {
    url = undefined;
  }
  return url?.protocol === 'https:' ? `<a href="${escapeHtml(source)}">${escapeHtml(source)}</a>` : `<code>${escapeHtml(source)}</code>`;
}

/**
 * The table, one row per object; an unsourced object says so in its sources cell.
 * @param {ProvenanceRow[]} rows
 */
export function provenanceTableHtml(rows) {
  const body = rows.map(({ kind, name, sources, assumption }) => {
    const unsourced = sources.length === 0 && assumption === undefined;
    const sourcesCell = unsourced
      ? `<td class="no-source">${noSourceGiven}</td>`
      : `<td>${sources.length ? `<ul>${sources.map((s) => `<li>${sourceHtml(s)}</li>`).join('')}</ul>` : ''}</td>`;
    return `<tr><td>${escapeHtml(kind)}</td><td><code>${escapeHtml(name)}</code></td>${sourcesCell}<td>${escapeHtml(assumption ?? '')}</td></tr>`;
  });
  return `<table class="provenance">\n<thead><tr><th>Kind</th><th>Name</th><th>Sources</th><th>Assumption</th></tr></thead>\n<tbody>\n${body.join('\n')}\n</tbody>\n</table>`;
}
