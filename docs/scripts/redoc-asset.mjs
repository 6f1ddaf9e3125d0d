// Redoc's standalone script as one file of the site, shared by every reference page: a browser
// downloads it once and keeps it (its name carries its content's hash), instead of every page
// inlining the same 2 MB. The pages load it from the site's own origin, never from Redoc's CDN.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { wordmark } from './reference-page.mjs';

/** Where `redocly build-docs` links Redoc from when it does not inline it. */
const cdnScript = /https:\/\/cdn\.redocly\.com\/redoc\/v[^"'\s]+\/bundles\/redoc\.standalone\.js/g;

// note: Redoc's sidebar footer loads the Redocly logo from a CDN at run time; a local wordmark keeps the credit
const cdnLogos = [
  { url: 'https://cdn.redoc.ly/redoc/logo-mini-full.svg', local: wordmark('Redocly', { width: 64 }) },
  { url: 'https://cdn.redoc.ly/redoc/logo-mini.svg', local: wordmark('R', { width: 12 }) },
];

/**
 * Redoc's code, or a page that inlines it, with the logos it would load from Redoc's CDN as data: URLs.
 * @param {string} code
 */
export function withLocalLogos(code) {
  let local = code;
  for (const logo of cdnLogos) {
    if (!local.includes(logo.url)) throw new Error(`Redoc's script no longer loads its logo from ${logo.url}; check what it loads now`);
    local = local.replaceAll(logo.url, logo.local);
  }
  return local;
}

/**
 * The script the pinned CLI renders its pages with: the copy it would inline with --inlineBundle,
 * so the page's server-rendered markup and the script that hydrates it come from one Redoc.
 */
export function redocStandalonePath() {
  const require = createRequire(import.meta.url);
  const path = join(dirname(require.resolve('@redocly/cli/package.json')), 'lib', 'chunks', 'redoc.standalone.js');
  if (!existsSync(path)) throw new Error(`@redocly/cli no longer ships Redoc at ${path}; find where its build-docs reads redoc.standalone.js from`);
  return path;
}

/**
 * Writes Redoc's script, its logos made local, to `<siteDir>/assets/redoc.<hash>.js`.
 * @param {string} siteDir
 * @returns {Promise<string>} the address a page in `siteDir` loads it from
 */
export async function writeRedocAsset(siteDir) {
  const code = withLocalLogos(await readFile(redocStandalonePath(), 'utf8'));
  const name = `redoc.${createHash('sha256').update(code).digest('hex').slice(0, 12)}.js`;
  await mkdir(join(siteDir, 'assets'), { recursive: true });
  await writeFile(join(siteDir, 'assets', name), code);
  return `./assets/${name}`;
}

/**
 * What the page runs before it imports Redoc: it waits for the browser to report the first
 * contentful paint (a browser without paint timing waits one frame instead). Until then the page
 * fetches nothing, so its own bytes get the bandwidth, and it spends no time on Redoc.
 */
export const afterFirstPaint = `await new Promise((painted) => {
        if (!PerformanceObserver.supportedEntryTypes?.includes('paint')) return requestAnimationFrame(() => setTimeout(painted));
        new PerformanceObserver((entries, observer) => {
          if (entries.getEntriesByName('first-contentful-paint').length === 0) return;
          observer.disconnect();
          painted();
        }).observe({ type: 'paint', buffered: true });
      });`;

/**
 * A page from `redocly build-docs` (without --inlineBundle) that loads Redoc from `href` once it
 * has painted: the server-rendered reference is readable without Redoc, and a slow phone shows it
 * before it spends a second running Redoc and hydrating the page.
 * @param {string} html
 * @param {string} href
 */
export function withLocalRedoc(html, href) {
  const found = html.match(cdnScript) ?? [];
  if (found.length !== 2) throw new Error(`expected the page to name Redoc's CDN script twice (modulepreload and import), found ${found.length}`);
  const preload = /\s*<link rel="modulepreload" href="[^"]+"[^>]*>/;
  const staticImport = /import \{ hydrate \} from "[^"]+";/;
  if (!preload.test(html)) throw new Error("expected the page's head to preload Redoc's script");
  if (!staticImport.test(html)) throw new Error("expected the page's module script to import Redoc's hydrate function");
  return html.replace(preload, '').replace(staticImport, () => `${afterFirstPaint}\n      const { hydrate } = await import(${JSON.stringify(href)});`);
}
