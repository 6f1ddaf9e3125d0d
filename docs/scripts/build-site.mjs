#!/usr/bin/env node
// Builds docs/site/: the markdown pages through one layout, the stylesheet, and one Redoc
// reference per bundled contract with Redoc inlined. Fails if a page would fetch from another host.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Marked } from 'marked';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { apiReferences, operationsOf, referenceBundleDir, withClientFilledNotes } from './apis.mjs';
import { redocLanguages, withCodeSamples } from './code-samples.mjs';
import { withMockServer, withSiteLinks, wordmark } from './reference-page.mjs';
import { remoteFetchesInCss, remoteFetchesInHtml } from './self-contained.mjs';

const docsDir = fileURLToPath(new URL('..', import.meta.url));
const srcDir = join(docsDir, 'src');
const siteDir = join(docsDir, 'site');
const require = createRequire(import.meta.url);

/** The markdown pages, in navigation order after the home page. */
const pages = [
  { source: 'index.md', output: 'index.html', label: 'Home' },
  { source: 'getting-started.md', output: 'getting-started.html', label: 'Getting started' },
  { source: 'mock-in-ci.md', output: 'mock-in-ci.html', label: 'The mock in CI' },
];
const navigation = [
  ...pages.filter((page) => page.output !== 'index.html').map(({ output, label }) => ({ href: output, label })),
  ...apiReferences.map(({ name, label }) => ({ href: `${name}.html`, label })),
];

/** @param {string} text */
function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** @param {string} text */
function slugOf(text) {
  return text
    .toLowerCase()
    .replace(/<[^>]*>/g, '')
    .replace(/&[a-z0-9#]+;/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function createMarkdown() {
  const markdown = new Marked({ gfm: true });
  markdown.use({
    renderer: {
      // note: headings get ids so the guide can link to its own sections
      heading({ tokens, depth }) {
        const inner = this.parser.parseInline(tokens);
        return `<h${depth} id="${slugOf(inner)}">${inner}</h${depth}>\n`;
      },
    },
  });
  return markdown;
}

/** @param {string} text */
function splitFrontMatter(text) {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
  if (!match) throw new Error('a page must start with front matter holding title and description');
  const meta = parseYaml(match[1] ?? '');
  if (typeof meta?.title !== 'string' || typeof meta?.description !== 'string') throw new Error('front matter needs a title and a description');
  return { meta: /** @type {{ title: string, description: string }} */ (meta), body: text.slice(match[0].length) };
}

/** @param {string} name */
async function operationsTable(name) {
  const api = apiReferences.find((candidate) => candidate.name === name);
  if (!api) throw new Error(`no API reference named ${name}`);
  const bundle = JSON.parse(await readFile(api.bundlePath, 'utf8'));
  const rows = operationsOf(bundle).map(
    (op) =>
      `<tr><td><span class="method">${op.method}</span> <code>${escapeHtml(op.path)}</code></td>` +
      `<td><code>${escapeHtml(op.operationId)}</code></td><td>${escapeHtml(op.summary ?? '')}</td></tr>`,
  );
  return `<table>\n<thead><tr><th>Request</th><th>Client method</th><th>Summary</th></tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>\n<p>Full details: <a href="${name}.html">${escapeHtml(api.title)}</a>.</p>`;
}

async function renderPages() {
  const layout = await readFile(join(srcDir, 'layout.html'), 'utf8');
  const markdown = createMarkdown();
  for (const page of pages) {
    const { meta, body } = splitFrontMatter(await readFile(join(srcDir, page.source), 'utf8'));
    let content = await markdown.parse(body);
    for (const marker of content.matchAll(/<!-- operations: ([a-z0-9-]+) -->/g)) {
      content = content.replace(marker[0], await operationsTable(marker[1] ?? ''));
    }
    const nav = navigation
      .map(({ href, label }) => `        <a href="${href}"${href === page.output ? ' aria-current="page"' : ''}>${escapeHtml(label)}</a>`)
      .join('\n');
    const title = page.output === 'index.html' ? meta.title : `${meta.title} · Cloud backup contracts`;
    const html = layout
      .replace('{{title}}', () => escapeHtml(title))
      .replace('{{description}}', () => escapeHtml(meta.description))
      .replace('{{nav}}', () => nav)
      .replace('{{content}}', () => content);
    await writeFile(join(siteDir, page.output), html);
  }
}

function redoclyCli() {
  const manifestPath = require.resolve('@redocly/cli/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  return join(dirname(manifestPath), manifest.bin.redocly);
}

// note: Redoc's sidebar footer loads the Redocly logo from a CDN at run time; a local wordmark keeps the credit
const redocLogos = [/https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini-full\.svg/g, /https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini\.svg/g];
const localLogos = [wordmark('Redocly', { width: 64 }), wordmark('R', { width: 12 })];

/** @param {string} file */
async function localiseRedocLogo(file) {
  let html = await readFile(file, 'utf8');
  redocLogos.forEach((pattern, index) => {
    html = html.replace(pattern, localLogos[index] ?? '');
  });
  await writeFile(file, html);
}

/** Builds one Redoc page per API, with Redoc's own script embedded instead of loaded from a CDN. */
async function buildReferences() {
  const cli = redoclyCli();
  await rm(referenceBundleDir, { recursive: true, force: true });
  await mkdir(referenceBundleDir, { recursive: true });
  const config = join(referenceBundleDir, 'redoc.yaml');
  await writeFile(config, stringifyYaml({ openapi: { codeSamples: { languages: redocLanguages } } }));
  for (const api of apiReferences) await buildReference(cli, api, config);
}

/** Where a reference page leads back to: the home page and the guide pages. */
const siteLinks = {
  home: { href: 'index.html', label: 'Cloud backup contracts' },
  pages: pages.filter((page) => page.output !== 'index.html').map(({ output, label }) => ({ href: output, label })),
};

/**
 * Renders the reference from a copy of the bundle with the client-filled notes, the code
 * samples, the links back to the site and the local mock as a server added; the copy stays in
 * dist/references/ so the tests check what the page shows.
 * @param {string} cli
 * @param {import('./apis.mjs').ApiReference} api
 * @param {string} config Redoc's settings: the code sample languages
 */
async function buildReference(cli, api, config) {
  const bundle = JSON.parse(await readFile(api.bundlePath, 'utf8'));
  const copy = withMockServer(withSiteLinks(withCodeSamples(withClientFilledNotes(bundle), api.entry), siteLinks), api.entry);
  await writeFile(api.referencePath, `${JSON.stringify(copy, null, 2)}\n`);
  const args = [
    cli,
    'build-docs',
    api.referencePath,
    '--output',
    join(siteDir, `${api.name}.html`),
    '--title',
    api.title,
    '--config',
    config,
    '--inlineBundle',
  ];
  const result = spawnSync(process.execPath, args, {
    cwd: docsDir,
    encoding: 'utf8',
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_UPDATE_NOTIFIER: '1' },
  });
  if (result.status !== 0) {
    process.stderr.write(result.stdout + result.stderr);
    throw new Error(`redocly build-docs failed for ${api.name}`);
  }
  await localiseRedocLogo(join(siteDir, `${api.name}.html`));
  console.log(`docs: built site/${api.name}.html from ${api.bundlePath}`);
}

/**
 * Every page's own links must resolve: relative files exist and #fragments name an id on the page.
 * @param {string[]} htmlFiles
 */
async function checkLocalLinks(htmlFiles) {
  const problems = [];
  for (const file of htmlFiles) {
    const html = await readFile(join(siteDir, file), 'utf8');
    const ids = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
    for (const [, href = ''] of html.matchAll(/<a\s[^>]*href="([^"]+)"/g)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) continue;
      const [target = '', fragment] = href.split('#');
      if (target !== '' && !existsSync(join(siteDir, target))) problems.push(`${file}: link to missing ${target}`);
      if (target === '' && fragment && !ids.has(fragment)) problems.push(`${file}: link to missing #${fragment}`);
    }
  }
  return problems;
}

async function checkSite() {
  const files = await readdir(siteDir);
  const problems = [];
  for (const file of files) {
    const text = await readFile(join(siteDir, file), 'utf8');
    const found = file.endsWith('.html') ? remoteFetchesInHtml(text) : file.endsWith('.css') ? remoteFetchesInCss(text, file) : [];
    for (const { where, url } of found) problems.push(`${file}: ${where} loads ${url}`);
  }
  const ownPages = pages.map((page) => page.output);
  problems.push(...(await checkLocalLinks(ownPages)));
  return problems;
}

await rm(siteDir, { recursive: true, force: true });
await mkdir(siteDir, { recursive: true });
await copyFile(join(srcDir, 'style.css'), join(siteDir, 'style.css'));
await renderPages();
await buildReferences();
const problems = await checkSite();
if (problems.length > 0) {
  console.error(`docs: the built site loads from other hosts or has broken links:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`docs: site/ is self-contained (${(await readdir(siteDir)).join(', ')})`);
