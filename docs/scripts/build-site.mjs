#!/usr/bin/env node
// Builds docs/site/: the markdown pages through one layout, the stylesheet, and one Redoc
// reference per bundled contract, each loading Redoc's one shared script from assets/; then a
// .br and a .gz copy of every text file. Fails if a page would fetch from another host.
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Marked } from 'marked';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { apiReferences, operationsOf, referenceBundleDir, withClientFilledNotes } from './apis.mjs';
import { redocLanguages, withCodeSamples } from './code-samples.mjs';
import { precompressSite } from './precompress.mjs';
import { provenancePage, provenanceRows, provenanceTableHtml } from './provenance.mjs';
import { withLocalRedoc, writeRedocAsset } from './redoc-asset.mjs';
import { buildDocs, redocConfigPath } from './redocly-build-docs.mjs';
import { withMockServer, withSiteLinks } from './reference-page.mjs';
import { remoteFetchesInFile } from './self-contained.mjs';

const docsDir = fileURLToPath(new URL('..', import.meta.url));
const srcDir = join(docsDir, 'src');
const siteDir = join(docsDir, 'site');

/** The markdown pages, in navigation order after the home page. */
const pages = [
  { source: 'index.md', output: 'index.html', label: 'Home' },
  { source: 'getting-started.md', output: 'getting-started.html', label: 'Getting started' },
  { source: 'mock-in-ci.md', output: 'mock-in-ci.html', label: 'The mock in CI' },
  { source: 'contracts-honest.md', output: 'contracts-honest.html', label: 'Keeping the contracts honest' },
];
/** One page per API listing where each of its contract's facts comes from, generated from the bundle. */
const provenancePages = apiReferences.map((api) => ({ api, output: provenancePage(api.name), label: `${api.label} sources` }));
const navigation = [
  ...pages.filter((page) => page.output !== 'index.html').map(({ output, label }) => ({ href: output, label })),
  ...apiReferences.map(({ name, label }) => ({ href: `${name}.html`, label })),
  ...provenancePages.map(({ output, label }) => ({ href: output, label })),
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

/** The list of provenance pages, one link per API, for the home page. */
function provenanceLinks() {
  const items = provenancePages.map(({ api, output }) => `<li><a href="${output}">${escapeHtml(`Where the ${api.label} contract comes from`)}</a></li>`);
  return `<ul>\n${items.join('\n')}\n</ul>`;
}

/**
 * One page in the site's layout.
 * @param {string} layout
 * @param {{ output: string, title: string, description: string, content: string }} page
 */
function inLayout(layout, { output, title, description, content }) {
  const nav = navigation
    .map(({ href, label }) => `        <a href="${href}"${href === output ? ' aria-current="page"' : ''}>${escapeHtml(label)}</a>`)
    .join('\n');
  return layout
    .replace('{{title}}', () => escapeHtml(output === 'index.html' ? title : `${title} · Cloud backup contracts`))
    .replace('{{description}}', () => escapeHtml(description))
    .replace('{{nav}}', () => nav)
    .replace('{{content}}', () => content);
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
    content = content.replace('<!-- provenance pages -->', () => provenanceLinks());
    await writeFile(join(siteDir, page.output), inLayout(layout, { output: page.output, title: meta.title, description: meta.description, content }));
  }
  for (const { api, output } of provenancePages) {
    const rows = provenanceRows(JSON.parse(await readFile(api.bundlePath, 'utf8')));
    const title = `Where the ${api.label} contract comes from`;
    const content =
      `<h1 id="top">${escapeHtml(title)}</h1>\n` +
      `<p>Every operation, parameter, named schema, shared response and security scheme of the <a href="${api.name}.html">${escapeHtml(api.title)}</a>, ` +
      'with the public pages, SDK files and fixtures that state its facts, and the assumption the contract makes where none does. ' +
      'A property is listed when its source differs from its schema’s. A row that says “no source given” is an object the contract does not yet source.</p>\n' +
      provenanceTableHtml(rows);
    const description = `Sources and assumptions behind each object of the ${api.label} contract.`;
    await writeFile(join(siteDir, output), inLayout(layout, { output, title, description, content }));
  }
}

/** Builds one Redoc page per API, each loading Redoc's script from the site instead of a CDN. */
async function buildReferences() {
  await rm(referenceBundleDir, { recursive: true, force: true });
  await mkdir(referenceBundleDir, { recursive: true });
  await writeFile(redocConfigPath, stringifyYaml({ openapi: { codeSamples: { languages: redocLanguages } } }));
  const redoc = await writeRedocAsset(siteDir);
  for (const api of apiReferences) await buildReference(api, redoc);
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
 * @param {import('./apis.mjs').ApiReference} api
 * @param {string} redoc where the page loads Redoc's shared script from
 */
async function buildReference(api, redoc) {
  const bundle = JSON.parse(await readFile(api.bundlePath, 'utf8'));
  const copy = withMockServer(withSiteLinks(withCodeSamples(withClientFilledNotes(bundle), api.entry), siteLinks), api.entry);
  await writeFile(api.referencePath, `${JSON.stringify(copy, null, 2)}\n`);
  const page = join(siteDir, `${api.name}.html`);
  buildDocs(api.referencePath, page, { title: api.title });
  await writeFile(page, withLocalRedoc(await readFile(page, 'utf8'), redoc));
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
  const files = await readdir(siteDir, { recursive: true });
  const problems = [];
  for (const file of files.filter((name) => /\.(?:html|css|js)$/.test(name))) {
    for (const { where, url } of remoteFetchesInFile(file, await readFile(join(siteDir, file), 'utf8'))) problems.push(`${file}: ${where} loads ${url}`);
  }
  const ownPages = [...pages.map((page) => page.output), ...provenancePages.map((page) => page.output)];
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
const compressed = await precompressSite(siteDir);
console.log(`docs: site/ loads nothing from another host (${compressed.map(({ file }) => file).join(', ')}, each with .br and .gz)`);
