#!/usr/bin/env node
// Per-file share of each vendor's browser bundle (same entries and settings as
// scripts/measure-size.mjs), from esbuild's metafile. Build dist/ first:
//   ./node_modules/.bin/tsc -p tsconfig.build.json && node bench/size-by-file.mjs
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = dirname(dirname(fileURLToPath(import.meta.url)));
const entries = {
  'huawei-vbs': `import { createHuaweiVbsClient } from '@cloud-backup-contracts/client/huawei-vbs'; globalThis.keep = createHuaweiVbsClient;`,
  'alibaba-hbr': `import { createAlibabaHbrClient } from '@cloud-backup-contracts/client/alibaba-hbr'; globalThis.keep = createAlibabaHbrClient;`,
};
const isSigning = (path) => /dist\/(signing\/|crypto\/|[a-z-]+\/auth\.js)/.test(path);

for (const [name, contents] of Object.entries(entries)) {
  const result = await build({
    stdin: { contents, resolveDir: packageDir, loader: 'js' },
    bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, logLevel: 'silent', metafile: true,
  });
  const output = Object.values(result.metafile.outputs)[0];
  const rows = Object.entries(output.inputs).map(([path, { bytesInOutput }]) => [path, bytesInOutput]).sort((a, b) => b[1] - a[1]);
  let signing = 0;
  console.log(`${name}: ${result.outputFiles[0].contents.length} B min, ${gzipSync(result.outputFiles[0].contents, { level: 9 }).length} B gzip`);
  for (const [path, bytes] of rows) {
    if (isSigning(path)) signing += bytes;
    console.log(`  ${String(bytes).padStart(6)}  ${isSigning(path) ? '*' : ' '} ${path}`);
  }
  console.log(`  signing part (*): ${signing} B minified`);
}
