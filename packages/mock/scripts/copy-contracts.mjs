// Second half of `build`: ships the bundled contracts inside dist/ so the published package
// works outside this repo, and marks the bin executable.
import { chmodSync, copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
const target = join(here, 'dist', 'contracts');
mkdirSync(target, { recursive: true });

for (const api of ['huawei-vbs', 'alibaba-hbr']) {
  let source;
  try {
    source = require.resolve(`@cloud-backup-contracts/spec-${api}/openapi.json`);
    JSON.parse(readFileSync(source, 'utf8'));
  } catch (cause) {
    console.error(`copy-contracts: the ${api} bundle is missing or not JSON (${cause instanceof Error ? cause.message : cause}); run the bundle task in spec/${api} first`);
    process.exit(1);
  }
  copyFileSync(source, join(target, `${api}.json`));
}
chmodSync(join(here, 'dist', 'cli.js'), 0o755);
console.log('copy-contracts: dist/contracts/huawei-vbs.json, dist/contracts/alibaba-hbr.json');
