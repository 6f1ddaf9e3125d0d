// Bundles one program with esbuild the way an app would ship it (minified ESM) and reports its
// size: shared by this package's size check (measure-size.mjs) and the root `npm run bench`.
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';

/**
 * @param {{ name: string, contents: string, resolveDir: string, platform: 'browser' | 'node' }} program
 * @returns {Promise<{ name: string, code: string, inputs: string[], min: number, gzip: number }>}
 */
export async function bundleSize({ name, contents, resolveDir, platform }) {
  const result = await build({
    stdin: { contents, resolveDir, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform,
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  const inputs = Object.keys(result.metafile.inputs);
  return { name, code: Buffer.from(code).toString('utf8'), inputs, min: code.length, gzip: gzipSync(code, { level: 9 }).length };
}
