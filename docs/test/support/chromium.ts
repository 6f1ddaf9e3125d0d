// Where the browser tests get Chromium: the file named by CHROMIUM_PATH when it is set, otherwise
// the build that ships inside the @sparticuz/chromium npm package. No system browser, no download.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sparticuz from '@sparticuz/chromium';
import { chromium, type Browser } from 'playwright-core';

const toolsDir = fileURLToPath(new URL('../../../.tools/', import.meta.url));

/** Flags for a root user on a machine whose only network is loopback. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Nothing but loopback can be reached: every host name fails to resolve and every other address goes to a dead proxy. */
export const noNetworkArgs = ['--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1', '--proxy-server=http://127.0.0.1:9'];

export interface ChromiumBuild {
  executablePath: string;
  /** environment the browser needs beside the caller's (its bundled fonts) */
  env: Record<string, string>;
  source: string;
}

async function packageVersion(): Promise<string> {
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
 */
async function unpackedSparticuz(): Promise<ChromiumBuild> {
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

/** The browser the tests will launch: CHROMIUM_PATH, or the npm-shipped build. */
export async function chromiumBuild(): Promise<ChromiumBuild> {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return { executablePath: fromEnv, env: {}, source: `CHROMIUM_PATH=${fromEnv}` };
  return unpackedSparticuz();
}

/** Launches Chromium, or fails with a message that says what was tried and what to do. */
export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  let build: ChromiumBuild | undefined;
  try {
    build = await chromiumBuild();
    return await chromium.launch({
      executablePath: build.executablePath,
      args: [...chromiumArgs, ...extraArgs],
      env: { ...process.env, ...build.env } as Record<string, string>,
    });
  } catch (error) {
    const tried = build ? build.source : 'unpacking @sparticuz/chromium';
    throw new Error(
      `no browser could start (${tried}): ${(error as Error).message.split('\n')[0]}\n` +
        'The docs browser tests need Chromium. Either run `npm test` again so pnpm installs @sparticuz/chromium ' +
        '(it ships a Linux x64 Chromium inside the npm package; delete .tools/chromium-* if an earlier unpack is damaged), ' +
        'or set CHROMIUM_PATH to a Chromium-family browser on this machine.',
      { cause: error },
    );
  }
}
