// Writes a brotli (.br) and a gzip (.gz) copy beside each text file of the built site, which
// the site server sends to browsers that accept them: compressed once at build time, at the
// strongest levels, rather than on every request.
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const compressible = /\.(?:html|css|js|json|svg|txt)$/;
const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/**
 * @param {string} siteDir
 * @returns {Promise<{ file: string, bytes: number, br: number, gz: number }[]>} what was compressed, from the site's root
 */
export async function precompressSite(siteDir) {
  const files = (await readdir(siteDir, { recursive: true })).filter((file) => compressible.test(file)).sort();
  return Promise.all(
    files.map(async (file) => {
      const content = await readFile(join(siteDir, file));
      const [br, gz] = await Promise.all([
        brotli(content, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: content.length } }),
        gzipped(content, { level: constants.Z_BEST_COMPRESSION }),
      ]);
      await writeFile(join(siteDir, `${file}.br`), br);
      await writeFile(join(siteDir, `${file}.gz`), gz);
      return { file, bytes: content.length, br: br.length, gz: gz.length };
    }),
  );
}
