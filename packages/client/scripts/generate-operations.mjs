#!/usr/bin/env node
// Generates the per-operation surface of the client from each bundled contract: a table
// of method, path, parameters and the request-side schemas (trimmed to what input
// validation needs). Adding an operation to a spec adds its typed method; removing one
// removes it, so callers stop compiling.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { resolveRef } from '@cloud-backup-contracts/testkit/openapi-refs';
import { loadRegistry } from '@cloud-backup-contracts/testkit/registry';

const here = dirname(fileURLToPath(import.meta.url));
const methods = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];
// the schema keywords input validation reads (src/core/validate-input.ts)
const validationKeywords = [
  'type',
  'format',
  'enum',
  'const',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'pattern',
  'minItems',
  'maxItems',
  'uniqueItems',
  'required',
  'additionalProperties',
];
// left to the service, on purpose (README "Input validation"): a schema combining others is not
// checked by the client beyond its `type`, since its parts may define what it allows
export const serviceCheckedKeywords = ['oneOf', 'anyOf', 'allOf', 'not', 'if', 'then', 'else', 'dependentRequired', 'dependentSchemas'];

// the contract marks the parameters the client fills in itself (`x-client-filled: true`): their
// schema becomes `false`, which both the input check and the method types
// (src/core/method-types.ts) read, so callers never pass them
const clientFilledKey = 'x-client-filled';

const camel = (name) => name.replace(/-([a-z])/g, (_, c) => c.toUpperCase());

function trimSchema(doc, schema) {
  const source = resolveRef(doc, schema) ?? {};
  const out = {};
  if (typeof source.type === 'string' || Array.isArray(source.type)) out.type = source.type;
  if (serviceCheckedKeywords.some((keyword) => source[keyword] !== undefined)) return out;
  for (const key of validationKeywords) if (source[key] !== undefined && typeof source[key] !== 'object') out[key] = source[key];
  // format is an annotation in JSON Schema; only the one the validator checks is kept
  if (out.format !== 'uuid') delete out.format;
  if (source.const !== undefined) out.const = source.const;
  if (Array.isArray(source.enum)) out.enum = source.enum;
  if (Array.isArray(source.required)) out.required = source.required;
  if (source.additionalProperties === false) out.additionalProperties = false;
  if (source.items) out.items = trimSchema(doc, source.items);
  if (source.properties) {
    out.properties = Object.fromEntries(Object.entries(source.properties).map(([name, s]) => [name, trimSchema(doc, s)]));
  }
  return out;
}

/** The shape a 2xx JSON body must have: its type and its required top-level fields. */
function returnedShape(doc, schema) {
  const source = resolveRef(doc, schema) ?? {};
  const out = {};
  if (typeof source.type === 'string') out.type = source.type;
  if (Array.isArray(source.required) && source.required.length) out.required = source.required;
  return out;
}

const inputKeys = { path: 'path', query: 'query', header: 'headers' };

/**
 * One operation's entry: method, path and the schema of the method's input, an object of
 * `path`, `query`, `headers` (always there, so a missing one is checked as `{}`) and `body`.
 * Parameters the client fills in get the schema `false` and, when the contract pins them to
 * one value, that value under `pinned`.
 */
function operationSpec(doc, path, item, method) {
  const op = item[method];
  const locations = Object.fromEntries(Object.keys(inputKeys).map((location) => [location, { type: 'object', additionalProperties: false, properties: {} }]));
  const pinned = {};
  for (const raw of [...(item.parameters ?? []), ...(op.parameters ?? [])]) {
    const p = resolveRef(doc, raw);
    const schema = trimSchema(doc, p.schema);
    const target = locations[p.in];
    if (!target) throw new Error(`${op.operationId}: ${p.in} parameters are not supported`);
    if (p[clientFilledKey] !== undefined && typeof p[clientFilledKey] !== 'boolean') {
      throw new Error(`${op.operationId}: parameter ${p.name} has ${clientFilledKey}: ${JSON.stringify(p[clientFilledKey])}; it must be true or false`);
    }
    if (p[clientFilledKey] === true) {
      target.properties[p.name] = false;
      if (schema.enum?.length === 1) (pinned[p.in] ??= {})[p.name] = schema.enum[0];
      continue;
    }
    target.properties[p.name] = schema;
    if (p.required) (target.required ??= []).push(p.name);
  }
  const input = { type: 'object', additionalProperties: false, properties: {} };
  for (const [location, key] of Object.entries(inputKeys)) input.properties[key] = locations[location];
  const requestBody = resolveRef(doc, op.requestBody);
  const jsonBody = requestBody?.content?.['application/json'];
  if (jsonBody) {
    input.properties.body = trimSchema(doc, jsonBody.schema);
    if (requestBody.required) input.required = ['body'];
  }
  const spec = { method: method.toUpperCase(), path, input };
  const returns = {};
  for (const [status, raw] of Object.entries(op.responses ?? {})) {
    const schema = resolveRef(doc, raw)?.content?.['application/json']?.schema;
    if (/^2\d\d$/.test(status) && schema) returns[status] = returnedShape(doc, schema);
  }
  if (Object.keys(returns).length) spec.returns = returns;
  if (Object.keys(pinned).length) spec.pinned = pinned;
  // an operation is pageable when it takes the offset/limit pair the pagination helper drives
  const query = locations.query.properties;
  if (query.limit && query.offset) {
    spec.pageItems = pageItemsField(doc, op);
    const links = pageLinksField(doc, op);
    if (links) spec.pageLinks = links;
  }
  return [op.operationId, spec];
}

/** The properties of a listing's 200 JSON body schema. */
function pageProperties(doc, op) {
  const response = resolveRef(doc, op.responses?.['200']);
  const schema = resolveRef(doc, response?.content?.['application/json']?.schema) ?? {};
  return { schema, properties: Object.entries(schema.properties ?? {}).map(([name, property]) => [name, resolveRef(doc, property)]) };
}

/** The one required array of a listing's 200 body: what the page iterator counts. */
function pageItemsField(doc, op) {
  const { schema, properties } = pageProperties(doc, op);
  const arrays = properties.filter(([name, property]) => (schema.required ?? []).includes(name) && property?.type === 'array').map(([name]) => name);
  if (arrays.length !== 1) {
    throw new Error(`${op.operationId} takes limit/offset, so its 200 body needs exactly one required array of items; found ${arrays.length}`);
  }
  return arrays[0];
}

/** The listing's array of `{ rel, href }` links, if it has one: where the page iterator looks for `rel: next`. */
function pageLinksField(doc, op) {
  const links = pageProperties(doc, op).properties.filter(([, property]) => {
    const item = property?.type === 'array' ? resolveRef(doc, property.items) : undefined;
    return item?.properties?.rel !== undefined && item?.properties?.href !== undefined;
  });
  if (links.length > 1) throw new Error(`${op.operationId} has ${links.length} arrays of { rel, href } links in its 200 body; the page iterator follows one`);
  return links[0]?.[0];
}

/**
 * Prints the table as a TypeScript literal, hoisting every object or array that occurs more
 * than once (the filters shared by count and list, the common parameter schemas) into a constant.
 */
function shareRepeats(table) {
  const seen = new Map();
  const count = (node) => {
    if (typeof node !== 'object' || node === null) return;
    const key = JSON.stringify(node);
    seen.set(key, (seen.get(key) ?? 0) + 1);
    Object.values(node).forEach(count);
  };
  Object.values(table).forEach((op) => Object.values(op).forEach(count));
  const names = new Map();
  const constants = [];
  // `whole` prints the node itself, never a constant standing for it
  const print = (node, whole = false) => {
    if (typeof node !== 'object' || node === null) return JSON.stringify(node);
    const key = JSON.stringify(node);
    if (!whole && seen.get(key) > 1) {
      if (!names.has(key)) {
        const body = print(node, true);
        names.set(key, `shared${names.size}`);
        constants.push(`const ${names.get(key)} = ${body} as const;`);
      }
      return names.get(key);
    }
    const inner = Array.isArray(node) ? node.map((child) => print(child)) : Object.entries(node).map(([k, v]) => `${JSON.stringify(k)}: ${print(v)}`);
    return Array.isArray(node) ? `[${inner.join(', ')}]` : `{ ${inner.join(', ')} }`;
  };
  const source = `{\n${Object.entries(table)
    .map(([id, op]) => `  ${JSON.stringify(id)}: ${print(op, true)},`)
    .join('\n')}\n}`;
  return { constants, source };
}

/**
 * Source of `src/generated/<api>.ts` for one bundled contract.
 * @param {any} doc the bundled contract
 * @param {{ apiName: string, typesModule: string, coreModule?: string }} options
 * @returns {string}
 */
export function generateOperationModule(doc, { apiName, typesModule, coreModule = '../core/operation-table.js' }) {
  const table = Object.fromEntries(
    Object.entries(doc.paths).flatMap(([path, item]) => methods.filter((m) => item[m]).map((m) => operationSpec(doc, path, item, m))),
  );
  const reserved = Object.keys(table).filter((id) => id === 'pages' || id === 'raw');
  if (reserved.length) throw new Error(`operationId ${reserved.join(', ')} clashes with a client property; rename it in spec/${apiName}`);
  const name = `${camel(apiName)}Operations`;
  const { constants, source } = shareRepeats(table);
  return [
    `// Generated from spec/${apiName} by packages/client/scripts/generate-operations.mjs. Do not edit.`,
    `import type { operations } from '${typesModule}';`,
    `import type { OperationTable } from '${coreModule}';`,
    '',
    `// parameters and schemas used more than once, defined once`,
    ...constants,
    '',
    `export const ${name} = ${source} as const satisfies OperationTable;`,
    '',
    `/** The generated types of every operation the table holds. */`,
    `export type ${name.charAt(0).toUpperCase()}${name.slice(1)} = Pick<operations, keyof typeof ${name}>;`,
    '',
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const outDir = resolve(here, '../src/generated');
  mkdirSync(outDir, { recursive: true });
  for (const { name, bundle } of loadRegistry()) {
    const doc = JSON.parse(readFileSync(bundle, 'utf8'));
    writeFileSync(join(outDir, `${name}.ts`), generateOperationModule(doc, { apiName: name, typesModule: `@cloud-backup-contracts/types/${name}` }));
    console.log(`client: wrote src/generated/${name}.ts (${Object.keys(doc.paths).length} paths)`);
  }
}
