#!/usr/bin/env node
// Generates the per-operation surface of the client from each bundled contract: a table
// of method, path, parameters and the request-side schemas (trimmed to what input
// validation needs). Adding an operation to a spec adds its typed method; removing one
// removes it, so callers stop compiling.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse } from 'yaml';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../..');
const methods = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];
// the only schema keywords input validation reads; the rest is documentation
const validationKeywords = ['type', 'format', 'enum', 'minimum', 'maximum', 'minLength', 'maxLength', 'pattern', 'minItems', 'maxItems', 'uniqueItems', 'required', 'additionalProperties'];

const camel = (name) => name.replace(/-([a-z])/g, (_, c) => c.toUpperCase());

function resolveRef(doc, node) {
  while (node && typeof node.$ref === 'string') {
    node = node.$ref
      .replace(/^#\//, '')
      .split('/')
      .reduce((n, key) => n?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
  }
  return node;
}

function trimSchema(doc, schema) {
  const source = resolveRef(doc, schema) ?? {};
  const out = {};
  for (const key of validationKeywords) if (source[key] !== undefined && typeof source[key] !== 'object') out[key] = source[key];
  if (Array.isArray(source.type)) out.type = source.type;
  if (Array.isArray(source.enum)) out.enum = source.enum;
  if (Array.isArray(source.required)) out.required = source.required;
  if (source.additionalProperties === false) out.additionalProperties = false;
  if (source.items) out.items = trimSchema(doc, source.items);
  if (source.properties) {
    out.properties = Object.fromEntries(Object.entries(source.properties).map(([name, s]) => [name, trimSchema(doc, s)]));
  }
  return out;
}

function operationSpec(doc, path, item, method) {
  const op = item[method];
  const byKey = new Map();
  for (const raw of [...(item.parameters ?? []), ...(op.parameters ?? [])]) {
    const p = resolveRef(doc, raw);
    byKey.set(`${p.in}:${p.name}`, { name: p.name, in: p.in, required: Boolean(p.required), schema: trimSchema(doc, p.schema) });
  }
  const parameters = [...byKey.values()];
  const requestBody = resolveRef(doc, op.requestBody);
  const jsonBody = requestBody?.content?.['application/json'];
  const spec = { method: method.toUpperCase(), path, parameters };
  if (jsonBody) spec.body = { required: Boolean(requestBody.required), schema: trimSchema(doc, jsonBody.schema) };
  // an operation is pageable when it takes the offset/limit pair the pagination helper drives
  const queryNames = new Set(parameters.filter((p) => p.in === 'query').map((p) => p.name));
  if (queryNames.has('limit') && queryNames.has('offset')) spec.pageItems = pageItemsField(doc, op);
  return [op.operationId, spec];
}

/** The one required array of a listing's 200 body: what the page iterator counts. */
function pageItemsField(doc, op) {
  const response = resolveRef(doc, op.responses?.['200']);
  const schema = resolveRef(doc, response?.content?.['application/json']?.schema) ?? {};
  const arrays = Object.entries(schema.properties ?? {})
    .filter(([name, property]) => (schema.required ?? []).includes(name) && resolveRef(doc, property)?.type === 'array')
    .map(([name]) => name);
  if (arrays.length !== 1) {
    throw new Error(`${op.operationId} takes limit/offset, so its 200 body needs exactly one required array of items; found ${arrays.length}`);
  }
  return arrays[0];
}

/** Source of `src/generated/<api>.ts` for one bundled contract. */
export function generateOperationModule(doc, { apiName, typesModule, coreModule = '../core/operation-table.js' }) {
  const table = Object.fromEntries(
    Object.entries(doc.paths).flatMap(([path, item]) => methods.filter((m) => item[m]).map((m) => operationSpec(doc, path, item, m))),
  );
  const reserved = Object.keys(table).filter((id) => id === 'pages' || id === 'raw');
  if (reserved.length) throw new Error(`operationId ${reserved.join(', ')} clashes with a client property; rename it in spec/${apiName}`);
  const name = `${camel(apiName)}Operations`;
  return [
    `// Generated from spec/${apiName} by packages/client/scripts/generate-operations.mjs. Do not edit.`,
    `import type { operations } from '${typesModule}';`,
    `import type { OperationTable } from '${coreModule}';`,
    '',
    `export const ${name} = ${JSON.stringify(table, null, 2)} as const satisfies OperationTable;`,
    '',
    `/** The generated types of every operation the table holds. */`,
    `export type ${name.charAt(0).toUpperCase()}${name.slice(1)} = Pick<operations, keyof typeof ${name}>;`,
    '',
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { apis } = parse(readFileSync(join(root, 'redocly.yaml'), 'utf8'));
  const outDir = resolve(here, '../src/generated');
  mkdirSync(outDir, { recursive: true });
  for (const [apiName, api] of Object.entries(apis)) {
    const doc = JSON.parse(readFileSync(resolve(root, api.output), 'utf8'));
    const source = generateOperationModule(doc, { apiName, typesModule: `@cloud-backup-contracts/types/${apiName}` });
    writeFileSync(join(outDir, `${apiName}.ts`), source);
    console.log(`client: wrote src/generated/${apiName}.ts (${Object.keys(doc.paths).length} paths)`);
  }
}
