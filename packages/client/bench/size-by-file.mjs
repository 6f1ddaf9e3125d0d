#!/usr/bin/env node
// Where each vendor's browser bundle spends its bytes (same entries and settings as
// scripts/measure-size.mjs): per file from esbuild's metafile, and the gzip cost of request
// signing, found by bundling again with the auth module replaced by a bare header-setting
// middleware. Build dist/ first:
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
const baseline = `import createClient from 'openapi-fetch'; globalThis.keep = createClient;`;
const isSigning = (path) => /dist\/(signing\/|crypto\/|[a-z-]+\/auth\.js)/.test(path);

// what an auth module would be without signing: one header from the options
const unsignedAuth = {
  name: 'unsigned-auth',
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /dist[\\/](huawei-vbs|alibaba-hbr)[\\/]auth\.js$/ }, () => ({
      loader: 'js',
      contents: `const middleware = (auth) => ({ onRequest: ({ request }) => (request.headers.set('X-Auth-Token', auth.token), request) });
        export const huaweiAuthMiddleware = middleware;
        export const alibabaAuthMiddleware = (auth) => ({ version: auth.type, middleware: middleware(auth) });`,
    }));
  },
};

async function bundle(contents, plugins = []) {
  const result = await build({
    stdin: { contents, resolveDir: packageDir, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
    metafile: true,
    plugins,
  });
  const code = result.outputFiles[0].contents;
  return { metafile: result.metafile, min: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

const bare = await bundle(baseline);
for (const [name, contents] of Object.entries(entries)) {
  const whole = await bundle(contents);
  const unsigned = await bundle(contents, [unsignedAuth]);
  const output = Object.values(whole.metafile.outputs)[0];
  const rows = Object.entries(output.inputs)
    .map(([path, { bytesInOutput }]) => [path, bytesInOutput])
    .sort((a, b) => b[1] - a[1]);
  let signing = 0;
  console.log(`${name}: ${whole.min} B min, ${whole.gzip} B gzip (+${whole.gzip - bare.gzip} B over openapi-fetch)`);
  for (const [path, bytes] of rows) {
    if (isSigning(path)) signing += bytes;
    console.log(`  ${String(bytes).padStart(6)}  ${isSigning(path) ? '*' : ' '} ${path}`);
  }
  console.log(`  signing part (*): ${signing} B minified, ${whole.gzip - unsigned.gzip} B gzip`);
  console.log(`  everything but signing: +${unsigned.gzip - bare.gzip} B gzip over openapi-fetch`);
}
