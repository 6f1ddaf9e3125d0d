// The provenance pages, in Chromium: per API, one row for every operation, parameter, named
// schema (and property with its own), shared response and security scheme, its sources as
// links and its assumption. What the rows must say is read here straight from the hand-written
// YAML under spec/<api>/, not from the bundle or the generator; an object with no provenance
// must show "no source given". A small fixture pins how the generator words the odd cases.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { apiReferences } from '../scripts/apis.mjs';
import { noSourceGiven, type ProvenanceRow, provenancePage, provenanceRows, provenanceTableHtml } from '../scripts/provenance.mjs';
import { startSiteServer } from '../scripts/site-server.mjs';
import { launchChromium, noNetworkArgs } from './support/chromium.js';

const specRoot = fileURLToPath(new URL('../../spec/', import.meta.url));
const httpMethods = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

interface Row {
  kind: string;
  name: string;
  sources: string[];
  assumption: string;
  unsourced: boolean;
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/** A row as the page must show the object's `x-provenance` (or its absence). */
function expectedRow(kind: string, name: string, node: any): Row {
  const sources: string[] = node?.['x-provenance']?.sources ?? [];
  const assumption = squash(node?.['x-provenance']?.assumption ?? '');
  return { kind, name, sources, assumption, unsourced: sources.length === 0 && assumption === '' };
}

const yamlIn = (dir: string): [string, any][] =>
  readdirSync(dir)
    .filter((file) => file.endsWith('.yaml'))
    .map((file) => [basename(file, '.yaml'), parseYaml(readFileSync(join(dir, file), 'utf8'))]);

/** Properties, at any depth, that carry their own provenance. */
function propertyRows(path: string, schema: any): Row[] {
  if (typeof schema !== 'object' || schema === null || schema.$ref) return [];
  const rows: Row[] = [];
  for (const [name, property] of Object.entries<any>(schema.properties ?? {})) {
    if (property?.['x-provenance']) rows.push(expectedRow('property', `${path}.${name}`, property));
    rows.push(...propertyRows(`${path}.${name}`, property));
  }
  if (schema.items) rows.push(...propertyRows(`${path}[]`, schema.items));
  return rows;
}

/** Every row the page of `api` must have, from the YAML files of its spec folder. */
function rowsFromYaml(api: string): Row[] {
  const dir = join(specRoot, api);
  const components = (kind: string) => yamlIn(join(dir, 'components', kind));
  const rows: Row[] = [];
  for (const [, item] of yamlIn(join(dir, 'paths'))) {
    for (const method of httpMethods.filter((m) => item[m])) {
      const operation = item[method];
      rows.push(expectedRow('operation', operation.operationId, operation));
      for (const parameter of [...(item.parameters ?? []), ...(operation.parameters ?? [])].filter((p: any) => !p.$ref)) {
        rows.push(expectedRow('parameter', `${operation.operationId}: ${parameter.in} ${parameter.name}`, parameter));
      }
    }
  }
  for (const [name, parameter] of components('parameters')) rows.push(expectedRow('parameter', name, parameter));
  for (const [name, schema] of components('schemas')) rows.push(expectedRow('schema', name, schema), ...propertyRows(name, schema));
  for (const [name, response] of components('responses')) rows.push(expectedRow('response', name, response));
  // security schemes take the name openapi.yaml gives them, not their file's
  const entry = parseYaml(readFileSync(join(dir, 'openapi.yaml'), 'utf8'));
  for (const [name, scheme] of Object.entries<any>(entry.components?.securitySchemes ?? {})) {
    const file = scheme.$ref ? parseYaml(readFileSync(join(dir, scheme.$ref), 'utf8')) : scheme;
    rows.push(expectedRow('security scheme', name, file));
  }
  return rows;
}

const byKindAndName = (a: Row, b: Row) => `${a.kind} ${a.name}`.localeCompare(`${b.kind} ${b.name}`);

let server: Awaited<ReturnType<typeof startSiteServer>>;
let browser: Browser;

beforeAll(async () => {
  server = await startSiteServer();
  browser = await launchChromium(noNetworkArgs);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The rows of a provenance page as Chromium renders them, and what went wrong loading it. */
async function rowsOnPage(path: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(new URL(path, server.url).href, { waitUntil: 'load' });
  const rows: Row[] = await page.locator('table.provenance tbody tr').evaluateAll((trs) =>
    trs.map((tr) => {
      const cells = [...tr.querySelectorAll('td')];
      const text = (cell: Element | undefined) => (cell?.textContent ?? '').replace(/\s+/g, ' ').trim();
      return {
        kind: text(cells[0]),
        name: text(cells[1]),
        sources: [...(cells[2]?.querySelectorAll('a') ?? [])].map((a) => a.getAttribute('href') ?? ''),
        assumption: text(cells[3]),
        unsourced: cells[2]?.classList.contains('no-source') === true && text(cells[2]) === 'no source given',
      };
    }),
  );
  const nav = await page.locator('nav a').evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')));
  await context.close();
  return { rows, nav, errors };
}

describe.each(apiReferences.map((api) => ({ api: api.name, page: provenancePage(api.name) })))('$page', ({ api, page }) => {
  it('has one row per object of the contract, with the sources and assumption its YAML gives', async () => {
    const { rows, errors } = await rowsOnPage(page);
    expect(errors).toEqual([]);
    const expected = rowsFromYaml(api);
    expect(expected.length).toBeGreaterThan(0);
    expect([...rows].sort(byKindAndName)).toEqual([...expected].sort(byKindAndName));
  });

  it('is linked from every page’s navigation and from the home page', async () => {
    const { nav } = await rowsOnPage(page);
    expect(nav).toContain(page);
    const home = await browser.newContext();
    const tab = await home.newPage();
    await tab.goto(new URL('index.html', server.url).href, { waitUntil: 'load' });
    expect(await tab.locator(`main a[href="${page}"]`).count()).toBe(1);
    await home.close();
  });
});

describe('the table generator', () => {
  const fixture = {
    openapi: '3.1.0',
    paths: {
      '/things/{id}': {
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        get: {
          operationId: 'getThing',
          'x-provenance': { sources: ['https://vendor.example/get-thing', 'http://vendor.example/plain'] },
          parameters: [{ $ref: '#/components/parameters/Verbose' }],
          responses: { '200': { description: 'ok' } },
        },
      },
    },
    components: {
      parameters: {
        Verbose: { name: 'verbose', in: 'query', schema: { type: 'boolean' }, 'x-provenance': { assumption: 'Assumption, because no page names it.' } },
      },
      schemas: {
        Thing: {
          type: 'object',
          'x-provenance': { sources: [] },
          properties: { size: { type: 'integer', 'x-provenance': { sources: ['https://sdk.example/thing.go'] } }, name: { type: 'string' } },
        },
      },
      securitySchemes: { token: { type: 'apiKey', in: 'header', name: 'X-Token' } },
    },
  };

  it.each<[string, Partial<ProvenanceRow> & { kind: string; name: string }]>([
    [
      'an operation keeps its sources as written',
      { kind: 'operation', name: 'getThing', sources: ['https://vendor.example/get-thing', 'http://vendor.example/plain'] },
    ],
    ['an inline parameter is named by operation, location and name', { kind: 'parameter', name: 'getThing: path id', sources: [], assumption: undefined }],
    ['a component parameter with only an assumption', { kind: 'parameter', name: 'Verbose', sources: [], assumption: 'Assumption, because no page names it.' }],
    ['a schema with an empty source list', { kind: 'schema', name: 'Thing', sources: [], assumption: undefined }],
    ['a property with its own provenance', { kind: 'property', name: 'Thing.size', sources: ['https://sdk.example/thing.go'] }],
    ['a security scheme without provenance', { kind: 'security scheme', name: 'token', sources: [], assumption: undefined }],
  ])('rows: %s', (_name, want) => {
    expect(provenanceRows(fixture)).toContainEqual(expect.objectContaining(want));
  });

  it('rows: a property without provenance of its own gets no row', () => {
    expect(provenanceRows(fixture).map((row) => row.name)).not.toContain('Thing.name');
  });

  it('html: an unsourced object says so, an https source is a link, any other source is text', () => {
    const html = provenanceTableHtml(provenanceRows(fixture));
    expect(html).toContain(`<tr><td>security scheme</td><td><code>token</code></td><td class="no-source">${noSourceGiven}</td><td></td></tr>`);
    expect(html).toContain('<a href="https://vendor.example/get-thing">https://vendor.example/get-thing</a>');
    expect(html).toContain('<code>http://vendor.example/plain</code>');
    expect(html).not.toContain('href="http://vendor.example/plain"');
    // an assumption alone is provenance: the row is not marked unsourced
    expect(html).toMatch(/<code>Verbose<\/code><\/td><td><\/td><td>Assumption, because no page names it\.<\/td>/);
  });
});
