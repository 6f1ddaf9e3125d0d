#!/usr/bin/env node
// `generate`: writes what the mock knows of each API in the registry (redocly.yaml) into
// generated/, which the package ships: the API list as `#registry` (a module and its types,
// so option and URL maps are typed by API name) and a copy of each bundled contract, so the
// published mock serves them outside this repo.
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRegistry } from '@cloud-backup-contracts/testkit/registry';

const out = join(dirname(dirname(fileURLToPath(import.meta.url))), 'generated');
rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'contracts'), { recursive: true });

const registry = loadRegistry();
for (const api of registry) {
  try {
    JSON.parse(readFileSync(api.bundle, 'utf8'));
  } catch (cause) {
    console.error(
      `generate-registry: the ${api.name} bundle ${api.bundle} is missing or not JSON (${cause instanceof Error ? cause.message : cause}); run the contracts:bundle task first`,
    );
    process.exit(1);
  }
  copyFileSync(api.bundle, join(out, 'contracts', `${api.name}.json`));
}

const apis = registry.map(({ name, label, mock }) => ({ name, label, port: mock.port, flag: mock.flag }));
const header = '// Generated from the API registry (redocly.yaml) by packages/mock/scripts/generate-registry.mjs. Do not edit.';
const literal = (api) =>
  `{ ${Object.entries(api)
    .map(([key, value]) => `readonly ${key}: ${JSON.stringify(value)}`)
    .join('; ')} }`;
writeFileSync(
  join(out, 'registry.js'),
  `${header}\n/** The APIs the mock serves, in the registry's order. */\nexport const apis = Object.freeze(${JSON.stringify(apis, null, 2)}.map(Object.freeze));\n`,
);
writeFileSync(
  join(out, 'registry.d.ts'),
  `${header}\n/** The APIs the mock serves, in the registry's order. */\nexport declare const apis: readonly [\n${apis.map((api) => `  ${literal(api)},`).join('\n')}\n];\n`,
);
console.log(`generate-registry: generated/registry.js and generated/contracts/ for ${registry.map((api) => api.name).join(', ')}`);
