#!/usr/bin/env node
// Generates one types module per API in the registry (redocly.yaml) from that API's bundle (never from the
// split sources), plus readable aliases: component schemas by name and, per operation,
// <Operation>PathParams / Query / Headers / RequestBody / Response.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { listOperations, resolveRef } from '@cloud-backup-contracts/testkit/openapi-refs';
import { loadRegistry } from '@cloud-backup-contracts/testkit/registry';

const outDir = resolve(dirname(fileURLToPath(import.meta.url)), '../src/generated');

const pascal = (id) => id.charAt(0).toUpperCase() + id.slice(1);

function resolve200SchemaRef(doc, operation) {
  return resolveRef(doc, operation.responses?.['200'])?.content?.['application/json']?.schema?.$ref;
}

function aliasesFor(doc) {
  const schemaNames = new Set(Object.keys(doc.components?.schemas ?? {}));
  const lines = ['', '// readable names for the schemas and operations above'];
  for (const name of schemaNames) lines.push(`export type ${name} = components['schemas']['${name}'];`);
  for (const { operationId: id, operation } of listOperations(doc)) {
    const op = `operations['${id}']`;
    lines.push(
      `export type ${pascal(id)}PathParams = NonNullable<${op}['parameters']['path']>;`,
      `export type ${pascal(id)}Query = NonNullable<${op}['parameters']['query']>;`,
      `export type ${pascal(id)}Headers = NonNullable<${op}['parameters']['header']>;`,
      `export type ${pascal(id)}RequestBody = ${op} extends { requestBody: { content: { 'application/json': infer B } } } ? B : never;`,
    );
    const responseName = `${pascal(id)}Response`;
    // a schema of the same name is that very response body: keep the schema's alias only
    if (schemaNames.has(responseName)) {
      if (resolve200SchemaRef(doc, operation) !== `#/components/schemas/${responseName}`) {
        throw new Error(`schema ${responseName} clashes with the 200 response alias of ${id}; rename the schema`);
      }
      continue;
    }
    lines.push(`export type ${responseName} = ${op} extends { responses: { 200: { content: { 'application/json': infer R } } } } ? R : void;`);
  }
  return lines.join('\n');
}

export async function generateTypes(apiName, bundlePath) {
  const doc = JSON.parse(readFileSync(bundlePath, 'utf8'));
  const ast = await openapiTS(pathToFileURL(bundlePath), { alphabetize: false });
  const header = `// Generated from spec/${apiName} by packages/types/scripts/generate-types.mjs. Do not edit.\n`;
  return `${header}${astToString(ast)}${aliasesFor(doc)}\n`;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  mkdirSync(outDir, { recursive: true });
  for (const { name, bundle } of loadRegistry()) {
    writeFileSync(join(outDir, `${name}.ts`), await generateTypes(name, bundle));
    console.log(`types: wrote src/generated/${name}.ts`);
  }
}
