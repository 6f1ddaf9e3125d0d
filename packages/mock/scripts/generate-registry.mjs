#!/usr/bin/env node
// `generate`: writes what the mock knows of each API in the registry (redocly.yaml) into
// generated/, which the package ships: the API list as `#registry` (a module and its types,
// so option and URL maps are typed by API name), a copy of each bundled contract, so the
// published mock serves them outside this repo, and each contract as the front reads it
// (indexes/, by src/contract-index.js: resolved once here, not per request).
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRegistry } from '@cloud-backup-contracts/testkit/registry';
import { indexContract } from '../src/contract-index.js';

const out = join(dirname(dirname(fileURLToPath(import.meta.url))), 'generated');
rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'contracts'), { recursive: true });
mkdirSync(join(out, 'indexes'), { recursive: true });

const registry = loadRegistry();
for (const api of registry) {
  let doc;
  try {
    doc = JSON.parse(readFileSync(api.bundle, 'utf8'));
  } catch (cause) {
    console.error(
      `generate-registry: the ${api.name} bundle ${api.bundle} is missing or not JSON (${cause instanceof Error ? cause.message : cause}); run the contracts:bundle task first`,
    );
    process.exit(1);
  }
  copyFileSync(api.bundle, join(out, 'contracts', `${api.name}.json`));
  writeFileSync(join(out, 'indexes', `${api.name}.json`), `${JSON.stringify(indexContract(doc))}\n`);
}

const apis = registry.map(({ name, label, mock }) => ({ name, label, port: mock.port }));
// each API's request verifier comes from its client adapter (the signers' own canonicalisation)
const verifying = registry.filter(({ mock }) => mock.verifier);
const importOf = ({ name, mock }, index) => `import { ${mock.verifier} as verifier${index} } from '@cloud-backup-contracts/client/${name}';`;
const header = '// Generated from the API registry (redocly.yaml) by packages/mock/scripts/generate-registry.mjs. Do not edit.';
const literal = (api) =>
  `{ ${Object.entries(api)
    .map(([key, value]) => `readonly ${key}: ${JSON.stringify(value)}`)
    .join('; ')} }`;
writeFileSync(
  join(out, 'registry.js'),
  [
    header,
    ...verifying.map(importOf),
    '',
    "/** The APIs the mock serves, in the registry's order. */",
    `export const apis = Object.freeze(${JSON.stringify(apis, null, 2)}.map(Object.freeze));`,
    '',
    '/** The request verifier factory of each API that has one (`--verify-signatures`). */',
    `export const verifiers = Object.freeze({ ${verifying.map(({ name }, index) => `${JSON.stringify(name)}: verifier${index}`).join(', ')} });`,
    '',
  ].join('\n'),
);
writeFileSync(
  join(out, 'registry.d.ts'),
  [
    header,
    "import type { SignatureVerifier, VerifierOptions } from '@cloud-backup-contracts/client';",
    '',
    "/** The APIs the mock serves, in the registry's order. */",
    `export declare const apis: readonly [\n${apis.map((api) => `  ${literal(api)},`).join('\n')}\n];`,
    '',
    "/** Creates a verifier from one API's section of the credentials file; throws a TypeError naming a bad field. */",
    'export type VerifierFactory = (credentials: unknown, options?: VerifierOptions & { where?: string }) => SignatureVerifier;',
    '/** The request verifier factory of each API that has one (`--verify-signatures`). */',
    `export declare const verifiers: { ${verifying.map(({ name }) => `readonly ${JSON.stringify(name)}: VerifierFactory;`).join(' ')} };`,
    '',
  ].join('\n'),
);
console.log(`generate-registry: generated/registry.js, generated/contracts/ and generated/indexes/ for ${registry.map((api) => api.name).join(', ')}`);
