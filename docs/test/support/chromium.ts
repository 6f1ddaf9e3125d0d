// How the browser tests start Chromium (which one: scripts/chromium.mjs), with the flags a root
// user on a loopback-only machine needs, or fail saying what to do.
import { chromium, type Browser } from 'playwright-core';
import { type ChromiumBuild, chromiumBuild } from '../../scripts/chromium.mjs';

export { chromiumBuild, type ChromiumBuild };

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
