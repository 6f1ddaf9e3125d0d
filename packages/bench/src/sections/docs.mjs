// Section: what a reader's browser loads for a docs reference page, and how Lighthouse 12 rates
// it (performance, mobile and desktop presets), for the built site (Redoc as one shared script)
// beside the shape the site had before: `redocly build-docs --inlineBundle`, one self-contained
// page per API with Redoc and the contract inlined. Both are served by the docs' own server with
// the build's .br/.gz copies, from loopback; Chromium is the docs tests' @sparticuz/chromium.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { apiReferences } from '../../../../docs/scripts/apis.mjs';
import { chromiumBuild } from '../../../../docs/scripts/chromium.mjs';
import { precompressSite } from '../../../../docs/scripts/precompress.mjs';
import { withLocalLogos } from '../../../../docs/scripts/redoc-asset.mjs';
import { buildDocs, redocConfigPath } from '../../../../docs/scripts/redocly-build-docs.mjs';
import { siteDir, startSiteServer } from '../../../../docs/scripts/site-server.mjs';
import { BenchError, ensureLighthouse } from '../alternatives.mjs';
import { median } from '../stats.mjs';

const mobileGoal = 80;
const presets = ['mobile', 'desktop'];
const kib = (bytes) => (bytes / 1024).toFixed(0);

/**
 * The site as `redocly build-docs --inlineBundle` writes it, from the same reference bundles and
 * settings, with Redoc's CDN logos made local as the site did: the baseline.
 */
async function buildInlinedSite(dir) {
  for (const api of apiReferences) {
    const page = join(dir, `${api.name}.html`);
    buildDocs(api.referencePath, page, { title: api.title, inlineBundle: true });
    await writeFile(page, withLocalLogos(await readFile(page, 'utf8')));
  }
  // the site server refuses a folder without a home page
  await copyFile(join(siteDir, 'index.html'), join(dir, 'index.html'));
  await precompressSite(dir);
}

/** What a browser fetches for `page` of `dir`: the page and the site's scripts it imports. */
function pageFiles(dir, page) {
  const html = readFileSync(join(dir, page), 'utf8');
  const scripts = [...html.matchAll(/\bimport\s*\(?\s*["']\.\/(assets\/[^"']+)["']/g)].map((m) => m[1]);
  return { page, scripts };
}

/** gzip bytes of `files` of `dir`, as the server sends them to a browser that takes gzip. */
const gzipBytes = (dir, files) => files.reduce((sum, file) => sum + statSync(join(dir, `${file}.gz`)).size, 0);
const brotliBytes = (dir, files) => files.reduce((sum, file) => sum + statSync(join(dir, `${file}.br`)).size, 0);

const run = promisify(execFile);

/**
 * One Lighthouse run: the performance score (0-100) and the metrics behind it. Asynchronous:
 * the site server answering Lighthouse's Chromium runs in this process.
 */
async function lighthouse({ cli, chrome, url, preset, workDir }) {
  const output = join(workDir, 'report.json');
  rmSync(output, { force: true });
  const args = [
    cli,
    url,
    '--chrome-flags=--headless --no-sandbox',
    '--only-categories=performance',
    '--output=json',
    `--output-path=${output}`,
    '--quiet',
    ...(preset === 'desktop' ? ['--preset=desktop'] : []),
  ];
  try {
    await run(process.execPath, args, { env: { ...process.env, ...chrome.env, CHROME_PATH: chrome.executablePath }, timeout: 180_000 });
  } catch (error) {
    const said = String(error.stderr ?? '')
      .trim()
      .split('\n')
      .slice(-3)
      .join(' ');
    throw new BenchError(`lighthouse ${preset} on ${url} failed (${error.killed ? 'timed out' : `exit code ${error.code}`}): ${said}`);
  }
  if (!existsSync(output)) throw new BenchError(`lighthouse ${preset} on ${url} wrote no report`);
  const report = JSON.parse(readFileSync(output, 'utf8'));
  if (report.runtimeError) throw new BenchError(`lighthouse ${preset} on ${url}: ${report.runtimeError.code} ${report.runtimeError.message}`);
  const metric = (id) => report.audits[id]?.numericValue;
  return {
    score: Math.round((report.categories.performance.score ?? 0) * 100),
    fcpMs: metric('first-contentful-paint'),
    lcpMs: metric('largest-contentful-paint'),
    tbtMs: metric('total-blocking-time'),
    cls: metric('cumulative-layout-shift'),
    transferBytes: metric('total-byte-weight'),
    benchmarkIndex: report.environment?.benchmarkIndex,
  };
}

export async function docs({ runs = 3, log = console.log } = {}) {
  if (!existsSync(join(siteDir, 'index.html')) || !existsSync(redocConfigPath)) {
    throw new BenchError(`no built docs site in ${siteDir}; run \`npm run build\` first`);
  }
  const cli = ensureLighthouse(log);
  const chrome = await chromiumBuild();
  const workDir = mkdtempSync(join(tmpdir(), 'docs-bench-'));
  const inlinedDir = join(workDir, 'inlined');
  const servers = [];
  try {
    log('building the inlined baseline with redocly build-docs --inlineBundle ...');
    mkdirSync(inlinedDir);
    await buildInlinedSite(inlinedDir);
    const shapes = [
      { name: 'one shared Redoc script (this site)', dir: siteDir },
      { name: 'Redoc inlined per page (build-docs --inlineBundle)', dir: inlinedDir },
    ];
    for (const shape of shapes) {
      const server = await startSiteServer({ dir: shape.dir });
      servers.push(server);
      shape.url = server.url;
    }
    const cases = apiReferences.flatMap((api) =>
      shapes.map((shape) => ({ api, shape, ...pageFiles(shape.dir, `${api.name}.html`), runs: { mobile: [], desktop: [] } })),
    );
    // note: rounds interleave the cases, so a busy spell on a shared machine hits them alike
    for (let round = 1; round <= runs; round++) {
      for (const c of cases) {
        for (const preset of presets) {
          const result = await lighthouse({ cli, chrome, url: new URL(c.page, c.shape.url).href, preset, workDir });
          c.runs[preset].push(result);
          log(
            `round ${round}/${runs} ${c.page} [${c.shape.name}] ${preset}: ${result.score} (TBT ${result.tbtMs.toFixed(0)} ms, LCP ${result.lcpMs.toFixed(0)} ms)`,
          );
        }
      }
    }
    const data = cases.map((c) => {
      const first = [c.page, ...c.scripts];
      const summary = (preset, key) => median(c.runs[preset].map((r) => r[key]));
      return {
        page: c.page,
        shape: c.shape.name,
        firstVisitGzip: gzipBytes(c.shape.dir, first),
        firstVisitBrotli: brotliBytes(c.shape.dir, first),
        // the shared script is in the browser's cache after the first reference page
        nextPageGzip: gzipBytes(c.shape.dir, [c.page]),
        mobile: summary('mobile', 'score'),
        desktop: summary('desktop', 'score'),
        mobileFcpMs: summary('mobile', 'fcpMs'),
        mobileLcpMs: summary('mobile', 'lcpMs'),
        mobileTbtMs: summary('mobile', 'tbtMs'),
        mobileScores: c.runs.mobile.map((r) => r.score),
        desktopScores: c.runs.desktop.map((r) => r.score),
        benchmarkIndex: summary('mobile', 'benchmarkIndex'),
      };
    });
    const ours = data.filter((d) => d.shape === shapes[0].name);
    return {
      title: 'Docs reference pages: weight and Lighthouse 12 performance',
      note: `Lighthouse 12, ${runs} run(s) per page and preset, median shown (all runs in brackets); simulated throttling, mobile = moto g power on slow 4G with 4× CPU slowdown; served with brotli from loopback by docs/scripts/site-server.mjs; Lighthouse's benchmark index of this machine ${median(data.map((d) => d.benchmarkIndex)).toFixed(0)}; "next page" = another reference page after the first, the shared script cached`,
      columns: ['page', 'shape', 'first visit gzip KiB (brotli)', 'next page gzip KiB', 'mobile', 'desktop', 'mobile FCP / LCP / TBT ms'],
      rows: data.map((d) => [
        d.page,
        d.shape,
        `${kib(d.firstVisitGzip)} (${kib(d.firstVisitBrotli)})`,
        kib(d.nextPageGzip),
        `${d.mobile} [${d.mobileScores.join(', ')}]`,
        `${d.desktop} [${d.desktopScores.join(', ')}]`,
        `${d.mobileFcpMs.toFixed(0)} / ${d.mobileLcpMs.toFixed(0)} / ${d.mobileTbtMs.toFixed(0)}`,
      ]),
      data,
      budgets: ours.map((d) => ({
        name: `${d.page}: Lighthouse mobile performance ≥ ${mobileGoal}`,
        value: d.mobile,
        limit: mobileGoal,
        pass: d.mobile >= mobileGoal,
        shown: `${d.mobile} (desktop ${d.desktop}; inlined page: mobile ${data.find((b) => b.page === d.page && b !== d)?.mobile})`,
      })),
    };
  } finally {
    await Promise.all(servers.map((server) => server.close()));
    rmSync(workDir, { recursive: true, force: true });
  }
}
