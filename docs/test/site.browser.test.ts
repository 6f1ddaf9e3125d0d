import { mkdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiReferences, clientFilledNote, operationsOf } from '../scripts/apis.mjs';
import { type CodeSample, mockOrigin, samplesInBundle } from '../scripts/code-samples.mjs';
import { mockServer } from '../scripts/reference-page.mjs';
import { startSiteServer } from '../scripts/site-server.mjs';
import { launchChromium, noNetworkArgs } from './support/chromium.js';
import { startRelay } from './support/recording-relay.ts';

const screenshotDir = fileURLToPath(new URL('../../artifacts/screenshots/', import.meta.url));

/** The vendor page's filters of "Counting Backup Shares", spelling as documented (sic) included. */
const seedCountParameters = ['share_to_me', 'volume_id', 'name', 'status', 'backup_id', 'from_project_id', 'to_project_id', 'avalilability_zone'];

const ownPages = [
  { name: 'index', path: 'index.html', heading: 'Cloud backup contracts' },
  { name: 'getting-started', path: 'getting-started.html', heading: 'Getting started' },
  { name: 'mock-in-ci', path: 'mock-in-ci.html', heading: 'The contract mock in your CI' },
  { name: 'contracts-honest', path: 'contracts-honest.html', heading: 'Keeping the contracts honest' },
  ...apiReferences.map((api) => ({
    name: `provenance-${api.name}`,
    path: `provenance-${api.name}.html`,
    heading: `Where the ${api.label} contract comes from`,
  })),
];

interface Visit {
  page: Page;
  consoleErrors: string[];
  pageErrors: string[];
  failedRequests: string[];
  nonLocalRequests: string[];
}

let server: Awaited<ReturnType<typeof startSiteServer>>;
let browser: Browser;

beforeAll(async () => {
  server = await startSiteServer();
  browser = await launchChromium();
  await mkdir(screenshotDir, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens a page that may load only from the site server (and data:/blob:); anything else is aborted and recorded. */
async function visit(on: Browser, path: string): Promise<Visit> {
  const context = await on.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
  // note: generous waits for a small, busy CI machine; nothing here asserts on time
  context.setDefaultTimeout(60_000);
  const page = await context.newPage();
  const record: Visit = { page, consoleErrors: [], pageErrors: [], failedRequests: [], nonLocalRequests: [] };
  const origin = new URL(server.url).origin;
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    record.nonLocalRequests.push(url);
    record.failedRequests.push(`${url} (blocked: not local)`);
    return route.abort('blockedbyclient');
  });
  page.on('console', (message) => {
    if (message.type() === 'error') record.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => record.pageErrors.push(error.message));
  page.on('requestfailed', (request) => {
    if (!record.nonLocalRequests.includes(request.url())) record.failedRequests.push(`${request.url()} (${request.failure()?.errorText})`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) record.failedRequests.push(`${response.url()} (HTTP ${response.status()})`);
  });
  await page.goto(new URL(path, server.url).href, { waitUntil: 'load' });
  return record;
}

/** Resolves once Redoc has hydrated: the sidebar and the API title are on screen and search is ready. */
async function redocReady(page: Page, bundle: any): Promise<void> {
  await page.locator('[data-component-name="Menu/Menu"]').waitFor({ state: 'visible' });
  await page.getByRole('heading', { level: 1 }).filter({ hasText: bundle.info.title }).waitFor({ state: 'visible' });
  // the search box reads "Loading..." until its index is built
  // biome-ignore lint/performance/useDomNodeTextContent: the text a reader sees, not hidden nodes' text
  await page.waitForFunction(() => !document.body.innerText.includes('Loading...'));
  await page.waitForLoadState('networkidle');
}

/** Scrolls through the landing page so Redoc renders every section lazily, then returns to the top. */
async function renderLanding(page: Page, bundle: any): Promise<void> {
  // note: scroll the window, not each section: Redoc replaces section nodes while it renders them
  for (let step = 0; step < 200; step++) {
    const atBottom = await page.evaluate(() => {
      window.scrollBy(0, window.innerHeight);
      return window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1;
    });
    if (atBottom) break;
    await page.waitForTimeout(50);
  }
  for (const tag of bundle.tags ?? []) {
    await page
      .getByRole('heading', { level: 2 })
      .filter({ hasText: exactText(tag.name) })
      .waitFor({ state: 'visible' });
  }
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForLoadState('networkidle');
}

/** The texts among `wanted` that no visible element within `scope` shows exactly. */
async function missingTexts(scope: Locator, wanted: string[]): Promise<string[]> {
  const missing = [];
  for (const text of wanted) {
    const matches = scope.getByText(text, { exact: true });
    const count = await matches.count();
    let visible = false;
    for (let i = 0; i < count && !visible; i++) visible = await matches.nth(i).isVisible();
    if (!visible) missing.push(text);
  }
  return missing;
}

function exactText(text: string): RegExp {
  return new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
}

async function loadBundle(bundlePath: string) {
  return JSON.parse(await readFile(bundlePath, 'utf8'));
}

/** A line of a sample a reader would recognise it by: the client call, or the curl command line. */
function telltaleLine(sample: CodeSample): string {
  const lines = sample.source.split('\n');
  const line = lines.find((l) => /await client\.|^curl /.test(l));
  if (!line) throw new Error(`the ${sample.label} sample has no client call or curl command:\n${sample.source}`);
  // the part before the arguments: a URL's query string may be wrapped or scrolled out of view
  return line.replace(/\(\{.*$|\?.*$/, '').trim();
}

/**
 * Chooses a language in a request-samples panel as a reader would; false when the panel offers
 * no picker (Redoc shows a plain label for a single language) or the picker lacks the language.
 */
async function pickLanguage(page: Page, panel: Locator, label: string, labels: string[]): Promise<boolean> {
  const current = panel.getByRole('button', { name: new RegExp(`^(${[...labels, 'Payload'].join('|')})$`) });
  if ((await current.count()) === 0) return false;
  // biome-ignore lint/performance/useDomNodeTextContent: the label a reader sees
  if ((await current.innerText()).trim() === label) return true;
  await current.click();
  const choice = page.getByRole('menuitem', { name: label, exact: true });
  if (!(await choice.isVisible())) {
    await page.keyboard.press('Escape');
    return false;
  }
  await choice.click();
  await panel.getByRole('button', { name: label, exact: true }).waitFor({ state: 'visible' });
  return true;
}

/**
 * Picks each sample's language in the operation's request-samples panel and returns what is not
 * on screen: the language in the picker, or the sample's telltale line. Leaves the first chosen.
 */
async function missingSamples(page: Page, section: Locator, samples: CodeSample[]): Promise<string[]> {
  const panel = section.locator('.panel-request-samples');
  await panel.waitFor({ state: 'visible' });
  const labels = samples.map((sample) => sample.label);
  const missing: string[] = [];
  for (const sample of samples) {
    if (!(await pickLanguage(page, panel, sample.label, labels))) {
      missing.push(`${sample.label} in the language picker`);
      continue;
    }
    const code = panel.locator('[data-component-name="CodeBlock/CodeBlock"]').first();
    const wanted = telltaleLine(sample);
    // biome-ignore lint/performance/useDomNodeTextContent: the code a reader sees, not hidden nodes' text
    const shown = (await code.isVisible()) ? await code.innerText() : '';
    if (!shown.includes(wanted)) missing.push(`${sample.label}: ${wanted}`);
  }
  // note: the choice holds for every operation on the page; put the default back for the next one
  if (missing.length === 0 && labels[0]) await pickLanguage(page, panel, labels[0], labels);
  return missing;
}

/**
 * Opens every operation from the sidebar, as a reader would, and checks its section shows the
 * summary, every parameter and every documented status code of the bundle, and its code samples.
 */
async function walkReference(page: Page, bundle: any, screenshotOf?: { operationId: string; name: string }): Promise<Record<string, string[]>> {
  const menu = page.locator('[data-component-name="Menu/Menu"]');
  const missingByOperation: Record<string, string[]> = {};
  const samplesOf = new Map(samplesInBundle(bundle).map((op) => [op.operationId, op.samples]));
  for (const operation of operationsOf(bundle)) {
    const item = menu.getByText(operation.summary, { exact: true });
    if (!(await item.isVisible())) await menu.getByText(operation.tags[0] ?? '', { exact: true }).click();
    await item.click();
    // note: Redoc puts a "link to ..." anchor in each heading's accessible name, so match the visible text
    const heading = page.getByRole('heading').filter({ hasText: exactText(operation.summary) });
    const section = page.locator('[data-section-id]').filter({ has: heading });
    await heading.first().waitFor({ state: 'visible' });
    // a parameter the contract marks x-client-filled carries the note that the client fills it in
    const notes = operation.parameters.some((p) => p.clientFilled) ? [clientFilledNote] : [];
    const wanted = [...operation.parameters.map((p) => p.name), ...operation.statuses, ...notes];
    const samples = samplesOf.get(operation.operationId) ?? [];
    missingByOperation[operation.operationId] = [
      ...(await missingTexts(section.last(), wanted)),
      ...(samples.length === 0 ? ['code samples'] : await missingSamples(page, section.last(), samples)),
    ];
    if (screenshotOf && operation.operationId === screenshotOf.operationId) {
      await saveScreenshot(page, screenshotOf.name, (path) => section.last().screenshot({ path }));
    }
  }
  return missingByOperation;
}

function expectClean(visit: Visit): void {
  expect({ consoleErrors: visit.consoleErrors, pageErrors: visit.pageErrors, failedRequests: visit.failedRequests }).toEqual({
    consoleErrors: [],
    pageErrors: [],
    failedRequests: [],
  });
}

/**
 * Saves a screenshot for people to look at (nothing asserts on it), once the page has painted a
 * frame: asked before its first frame, Chromium refuses with "Unable to capture screenshot"
 * (a quarter of 60 captures right after load here; none of 60 after two animation frames).
 */
async function saveScreenshot(page: Page, name: string, take: (path: string) => Promise<unknown>): Promise<void> {
  const path = `${screenshotDir}${name}.png`;
  await page.evaluate(() => new Promise((painted) => requestAnimationFrame(() => requestAnimationFrame(painted))));
  await take(path);
  console.log(`screenshot: ${path}`);
}

async function saveFullPage(visit: Visit, name: string): Promise<void> {
  await saveScreenshot(visit.page, name, (path) => visit.page.screenshot({ path, fullPage: true }));
}

describe('the built site in Chromium, offline', () => {
  it.each(ownPages)('$path renders with no console error, page error or failed request', async ({ name, path, heading }) => {
    const visited = await visit(browser, path);
    await visited.page.getByRole('heading', { level: 1, name: heading }).waitFor({ state: 'visible' });
    await visited.page.waitForLoadState('networkidle');
    // every reference and the guide is one click away from the home page
    const links = await visited.page.locator('nav a').evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')));
    expect(links).toEqual(expect.arrayContaining(['getting-started.html', ...apiReferences.map((api) => `${api.name}.html`)]));
    await saveFullPage(visited, name);
    expectClean(visited);
    await visited.page.context().close();
  });

  it('the count operation of the bundle carries every filter of the vendor page', async () => {
    const huawei = apiReferences.find((api) => api.name === 'huawei-vbs')!;
    const count = operationsOf(await loadBundle(huawei.bundlePath)).find((op) => op.operationId === 'countBackupShares');
    expect(count?.parameters.map((p) => p.name)).toEqual(expect.arrayContaining(seedCountParameters));
    const alibaba = apiReferences.find((api) => api.name === 'alibaba-hbr')!;
    for (const op of operationsOf(await loadBundle(alibaba.bundlePath))) expect(op.parameters.map((p) => p.name)).toContain('SourceType');
  });

  it('marks exactly the parameters the clients fill in as client-filled', async () => {
    const filled = [];
    for (const api of apiReferences) {
      for (const op of operationsOf(await loadBundle(api.bundlePath))) {
        filled.push(...op.parameters.filter((p) => p.clientFilled).map((p) => `${api.name} ${op.operationId} ${p.in}:${p.name}`));
      }
    }
    expect(filled.sort()).toEqual(
      [
        'alibaba-hbr getBasicStatistics header:x-acs-action',
        'alibaba-hbr getBasicStatistics header:x-acs-version',
        'alibaba-hbr getBasicStatistics query:Action',
        'alibaba-hbr getBasicStatistics query:Version',
        'alibaba-hbr getBasicStatisticsViaPost header:x-acs-action',
        'alibaba-hbr getBasicStatisticsViaPost header:x-acs-version',
        'alibaba-hbr getBasicStatisticsViaPost query:Action',
        'alibaba-hbr getBasicStatisticsViaPost query:Version',
        ...['cancelBackupShare', 'countBackupShares', 'createBackupShares', 'getBackupShare', 'listBackupShareDetails'].map(
          (id) => `huawei-vbs ${id} path:project_id`,
        ),
      ].sort(),
    );
  });

  it.each(apiReferences.map((api) => ({ api, page: `${api.name}.html` })))(
    '$page shows every operation with its parameters, status codes and code samples',
    async ({ api }) => {
      const bundle = await loadBundle(api.referencePath);
      const visited = await visit(browser, `${api.name}.html`);
      await redocReady(visited.page, bundle);
      await renderLanding(visited.page, bundle);
      await saveFullPage(visited, api.name);
      const seedOperation = api.name === 'huawei-vbs' ? 'countBackupShares' : 'getBasicStatistics';
      const missing = await walkReference(visited.page, bundle, { operationId: seedOperation, name: `${api.name}-${seedOperation}` });
      expect(Object.keys(missing).sort()).toEqual(
        operationsOf(bundle)
          .map((op) => op.operationId)
          .sort(),
      );
      expect(missing).toEqual(Object.fromEntries(Object.keys(missing).map((id) => [id, []])));
      await visited.page.waitForLoadState('networkidle');
      expectClean(visited);
      await visited.page.context().close();
    },
  );
});

describe('the reference pages lead somewhere', () => {
  const references = apiReferences.map((api) => ({ api, page: `${api.name}.html` }));
  const home = ownPages.find((page) => page.path === 'index.html')!;
  const guide = ownPages.find((page) => page.path === 'getting-started.html')!;

  /** Clicks `link` on a freshly opened reference page and returns the heading the page it leads to shows. */
  async function follow(api: (typeof apiReferences)[number], link: (page: Page) => Locator, heading: string): Promise<string> {
    const visited = await visit(browser, `${api.name}.html`);
    await redocReady(visited.page, await loadBundle(api.referencePath));
    await link(visited.page).click();
    await visited.page.getByRole('heading', { level: 1, name: heading }).waitFor({ state: 'visible' });
    const arrived = new URL(visited.page.url()).pathname;
    expectClean(visited);
    await visited.page.context().close();
    return arrived;
  }

  it.each(references)('$page: the logo at the top of the sidebar goes back to the home page', async ({ api }) => {
    const logo = (page: Page) => page.getByRole('link').filter({ has: page.getByRole('img', { name: home.heading, exact: true }) });
    expect(await follow(api, logo, home.heading)).toBe(`/${home.path}`);
  });

  it.each(references)('$page: the description links to the guide', async ({ api }) => {
    expect(await follow(api, (page) => page.getByRole('link', { name: guide.heading, exact: true }), guide.heading)).toBe(`/${guide.path}`);
  });

  it.each(references)("$page lists the local mock, on the registry's port, among its servers", async ({ api }) => {
    const visited = await visit(browser, `${api.name}.html`);
    await redocReady(visited.page, await loadBundle(api.referencePath));
    const servers = visited.page.getByTestId('panel-servers');
    expect(await missingTexts(servers, [mockOrigin(api.entry), mockServer(api.entry).description])).toEqual([]);
    expectClean(visited);
    await visited.page.context().close();
  });
});

describe('the built site with the network blocked entirely', () => {
  let offline: Browser;

  beforeAll(async () => {
    offline = await launchChromium(noNetworkArgs);
  });

  afterAll(async () => {
    await offline?.close();
  });

  const allPages = [
    ...ownPages.map((page) => ({ path: page.path, heading: page.heading, bundlePath: '' })),
    ...apiReferences.map((api) => ({ path: `${api.name}.html`, heading: '', bundlePath: api.referencePath })),
  ];

  it.each(allPages)('$path renders the same and never even tries to reach another host', async ({ path, heading, bundlePath }) => {
    const bundle = bundlePath ? await loadBundle(bundlePath) : undefined;
    const outline = async (page: Page) => {
      if (bundle) await redocReady(page, bundle);
      else await page.getByRole('heading', { level: 1, name: heading }).waitFor({ state: 'visible' });
      await page.waitForLoadState('networkidle');
      // note: Redoc renders its content panel lazily, so its stable outline is the title, the tags and the sidebar
      return page.locator(bundle ? 'h1, [data-component-name="Menu/MenuItem"]' : 'h1, h2, h3, nav a').allInnerTexts();
    };
    const online = await visit(browser, path);
    const expected = await outline(online.page);
    await online.page.context().close();

    const blocked = await visit(offline, path);
    expect(await outline(blocked.page)).toEqual(expected);
    if (bundle) {
      const missing = await walkReference(blocked.page, bundle);
      expect(Object.values(missing).flat()).toEqual([]);
    }
    expect(blocked.nonLocalRequests).toEqual([]);
    expectClean(blocked);
    await blocked.page.context().close();
  });
});

describe("Redoc's one script, shared by the reference pages", () => {
  it('is asked for after the page has painted, and reaches the site once: the next reference page takes it from the browser cache', async () => {
    // note: a relay in front of the site records what reaches it; no request routing in the browser, which would turn its HTTP cache off
    const relay = await startRelay(server.url);
    const offline = await launchChromium(noNetworkArgs);
    try {
      const context = await offline.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
      context.setDefaultTimeout(60_000);
      const page = await context.newPage();
      const requested: string[] = [];
      const pageErrors: string[] = [];
      page.on('request', (request) => requested.push(request.url()));
      page.on('pageerror', (error) => pageErrors.push(error.message));
      const paintedFirst: Record<string, boolean> = {};
      for (const api of apiReferences) {
        await page.goto(`${relay.origin}/${api.name}.html`, { waitUntil: 'load' });
        await redocReady(page, await loadBundle(api.referencePath));
        // the page showed its server-rendered reference before it asked for Redoc
        paintedFirst[api.name] = await page.evaluate(() => {
          const painted = performance.getEntriesByName('first-contentful-paint')[0]?.startTime;
          const fetched = performance.getEntriesByType('resource').find((entry) => /\/assets\/redoc\.[0-9a-f]+\.js$/.test(entry.name))?.startTime;
          return painted !== undefined && fetched !== undefined && painted < fetched;
        });
      }
      expect(paintedFirst).toEqual(Object.fromEntries(apiReferences.map((api) => [api.name, true])));
      const isScript = (url: string) => /^\/assets\/redoc\.[0-9a-f]{12}\.js$/.test(new URL(url, relay.origin).pathname);
      // every page asked for the script, from the site's own origin
      expect(requested.filter(isScript)).toEqual(apiReferences.map(() => expect.stringMatching(new RegExp(`^${relay.origin}/assets/`))));
      expect(new Set(requested.filter(isScript)).size).toBe(1);
      expect(requested.filter((url) => !url.startsWith(`${relay.origin}/`) && !/^(data|blob):/.test(url))).toEqual([]);
      // and the site served it once
      expect(relay.exchanges.filter((exchange) => isScript(exchange.url)).map(({ method, status }) => ({ method, status }))).toEqual([
        { method: 'GET', status: 200 },
      ]);
      expect(relay.exchanges.filter((exchange) => exchange.url.endsWith('.html')).map((exchange) => exchange.url)).toEqual(
        apiReferences.map((api) => `/${api.name}.html`),
      );
      expect(pageErrors).toEqual([]);
      await context.close();
    } finally {
      await offline.close();
      await relay.close();
    }
  });
});
