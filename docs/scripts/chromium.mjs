// Where the docs' browser tests and the docs bench get Chromium: the file named by CHROMIUM_PATH
// when it is set, otherwise the build that ships inside the @sparticuz/chromium npm package,
// unpacked once into .tools/. No system browser, no download.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sparticuz from '@sparticuz/chromium';

const toolsDir = fileURLToPath(new URL('../../.tools/', import.meta.url));

/**
 * @typedef {object} ChromiumBuild
 * @property {string} executablePath
 * @property {Record<string, string>} env environment the browser needs beside the caller's (its bundled fonts)
 * @property {string} source where it came from, for messages
 */

async function packageVersion() {
  // the package exports no ./package.json; its entry sits two folders below the manifest
  const entry = createRequire(import.meta.url).resolve('@sparticuz/chromium');
  const manifest = join(dirname(entry), '..', '..', 'package.json');
  return JSON.parse(await readFile(manifest, 'utf8')).version;
}

/**
 * Unpacks the package's brotli archives once per version into .tools/chromium-<version>/.
 * The package always unpacks into os.tmpdir() and trusts any file already there, so TMPDIR points
 * at a private staging folder that is renamed into place only when complete: a run killed halfway
 * can never leave a half-written browser that later runs would reuse.
 * @returns {Promise<ChromiumBuild>}
 */
async function unpackedSparticuz() {
  const version = await packageVersion();
  const target = join(toolsDir, `chromium-${version}`);
  const executablePath = join(target, 'chromium');
  const source = `@sparticuz/chromium ${version}`;
  const env = { FONTCONFIG_PATH: join(target, 'fonts') };
  if (existsSync(executablePath)) return { executablePath, env, source };

  const staging = `${target}.partial-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  const tmpdirBefore = process.env.TMPDIR;
  process.env.TMPDIR = staging;
  try {
    await sparticuz.executablePath();
  } finally {
    if (tmpdirBefore === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = tmpdirBefore;
  }
  // the shipped fonts.conf names /tmp/fonts; point it at the fonts unpacked beside it
  await writeFile(
    join(staging, 'fonts', 'fonts.conf'),
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <dir>${join(target, 'fonts')}</dir>\n  <cachedir>${join(target, 'fonts-cache')}</cachedir>\n</fontconfig>\n`,
  );
  try {
    await rename(staging, target);
  } catch (error) {
    // another process finished first; its copy is as good as ours
    await rm(staging, { recursive: true, force: true });
    if (!existsSync(executablePath)) throw error;
  }
  return { executablePath, env, source };
}

/**
 * The browser to launch: CHROMIUM_PATH, or the npm-shipped build.
 * @returns {Promise<ChromiumBuild>}
 */
export async function chromiumBuild() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return { executablePath: fromEnv, env: {}, source: `CHROMIUM_PATH=${fromEnv}` };
  return unpackedSparticuz();
}
