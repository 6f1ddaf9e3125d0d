import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { apiReferences } from '../scripts/apis.mjs';
import { afterFirstPaint, withLocalLogos, withLocalRedoc } from '../scripts/redoc-asset.mjs';
import { buildDocs } from '../scripts/redocly-build-docs.mjs';
import { remoteFetchesInCss, remoteFetchesInFile, remoteFetchesInHtml, remoteFetchesInScript } from '../scripts/self-contained.mjs';

const siteDir = fileURLToPath(new URL('../site/', import.meta.url));

describe('finding what a page would fetch from another host', () => {
  it.each([
    ['a remote script', '<script src="https://cdn.example.com/redoc.js"></script>', ['<script src>']],
    ['a remote stylesheet', '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">', ['<link href>']],
    ['a modulepreload', '<link rel="modulepreload" href="//cdn.example.com/a.js">', ['<link href>']],
    ['a remote image', "<img src='http://example.com/logo.png' alt=''>", ['<img src>']],
    ['a remote srcset candidate', '<img src="a.png" srcset="a.png 1x, https://example.com/b.png 2x">', ['<img srcset>']],
    ['an @import', '<style>@import "https://example.com/x.css";</style>', ['<style> @import']],
    ['an @import url()', '<style>@import url("https://example.com/x.css");</style>', ['<style> url()']],
    ['a web font', '<style>@font-face { src: url(https://example.com/f.woff2) }</style>', ['<style> url()']],
    ['a style attribute', '<div style="background: url(//example.com/bg.png)"></div>', ['<div style> url()']],
    ['an asset URL in inline code', '<script>img.src = `https://cdn.example.com/logo.svg`;</script>', ['<script> code']],
    ['an svg <use>', '<svg><use href="https://example.com/icons.svg#a"></use></svg>', ['<use href>']],
  ])('flags %s', (_name, html, wheres) => {
    expect(remoteFetchesInHtml(html).map((found) => found.where)).toEqual(wheres);
  });

  it.each([
    ['a link a reader clicks', '<a href="https://support.huaweicloud.com/">vendor page</a>'],
    ['local and data: sources', '<img src="logo.svg"><img src="data:image/png;base64,AAAA"><link rel="stylesheet" href="style.css">'],
    ['an SVG namespace', '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><use xlink:href="#icon"></use></svg>'],
    ['a URL inside a comment', '<!-- <script src="https://example.com/a.js"></script> -->'],
    ['a plain API URL in code', '<script>const base = "https://vbs.cn-north-4.myhuaweicloud.com/v2/";</script>'],
  ])('lets %s through', (_name, html) => {
    expect(remoteFetchesInHtml(html)).toEqual([]);
  });

  it('flags asset URLs in a script file and lets plain API URLs through', () => {
    const code = 'a.src = "https://cdn.example.com/logo.svg"; fetch("https://vbs.cn-north-4.myhuaweicloud.com/v2/")';
    expect(remoteFetchesInScript(code, 'assets/app.js')).toEqual([{ where: 'assets/app.js', url: 'https://cdn.example.com/logo.svg' }]);
    expect(remoteFetchesInFile('assets/app.js', code)).toHaveLength(1);
    expect(remoteFetchesInFile('notes.txt', code)).toEqual([]);
  });

  it('flags remote url() and @import in a stylesheet', () => {
    expect(remoteFetchesInCss('@import "https://example.com/a.css"; b { background: url("http://example.com/b.png") }', 'x.css')).toHaveLength(2);
  });
});

describe('the built site', () => {
  const siteFiles = readdirSync(siteDir, { recursive: true, encoding: 'utf8' }).sort();
  const redocAssets = siteFiles.filter((file) => /^assets[\\/]redoc\.[0-9a-f]{12}\.js$/.test(file));
  const referencePages = apiReferences.map((api) => ({ api, page: `${api.name}.html` }));

  it('loads nothing from another host, in its pages, stylesheets or scripts', () => {
    expect(siteFiles).toEqual(expect.arrayContaining(['index.html', 'getting-started.html', 'style.css', ...referencePages.map(({ page }) => page)]));
    expect(redocAssets).toHaveLength(1);
    const found = siteFiles
      .filter((file) => /\.(?:html|css|js)$/.test(file))
      .flatMap((file) => remoteFetchesInFile(file, readFileSync(join(siteDir, file), 'utf8')));
    expect(found).toEqual([]);
  });

  it("holds Redoc's script once, under a name that carries its content's hash", () => {
    const [asset = ''] = redocAssets;
    const code = readFileSync(join(siteDir, asset), 'utf8');
    expect(asset).toContain(createHash('sha256').update(code).digest('hex').slice(0, 12));
    expect(code).toContain('https://github.com/Redocly/redoc');
    expect(code).toMatch(/export\s*\{[^}]*\bhydrate\b/);
  });

  it.each(referencePages)("$page loads Redoc's shared script from the site once it has painted, and inlines only its own contract", ({ page }) => {
    const html = readFileSync(join(siteDir, page), 'utf8');
    const [asset = ''] = redocAssets;
    expect(html).not.toMatch(/<script\b[^>]*\bsrc=/i);
    expect(html).not.toContain('modulepreload');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    const moduleScripts = scripts.filter((m) => /type="module"/.test(m[1] ?? '')).map((m) => m[2] ?? '');
    expect(moduleScripts).toHaveLength(1);
    const [module = ''] = moduleScripts;
    expect(module).toContain(`await import("./${asset.replaceAll('\\', '/')}")`);
    expect(module.indexOf(afterFirstPaint)).toBeGreaterThan(-1);
    expect(module.indexOf(afterFirstPaint)).toBeLessThan(module.indexOf('await import('));
    expect(module).not.toContain('https://github.com/Redocly/redoc');
    // the page keeps its contract and Redoc's server-rendered markup and styles: a tenth of what it weighed with Redoc inlined
    expect(Buffer.byteLength(html)).toBeLessThan(500_000);
  });

  it.each(siteFiles.filter((file) => /\.(?:html|css|js)$/.test(file)))('%s has a .br and a .gz copy with its exact content', (file) => {
    const content = readFileSync(join(siteDir, file));
    expect(brotliDecompressSync(readFileSync(join(siteDir, `${file}.br`))).equals(content)).toBe(true);
    expect(gunzipSync(readFileSync(join(siteDir, `${file}.gz`))).equals(content)).toBe(true);
  });

  it("is what build-docs's own output would fail: a page that loads Redoc from its CDN", () => {
    const folder = mkdtempSync(join(tmpdir(), 'redoc-cdn-'));
    try {
      const output = join(folder, 'reference.html');
      const api = apiReferences[0]!;
      buildDocs(api.bundlePath, output, { title: api.title });
      const found = remoteFetchesInHtml(readFileSync(output, 'utf8'));
      expect(found.map((f) => f.url)).toEqual(expect.arrayContaining([expect.stringMatching(/^https:\/\/cdn\.redoc(ly)?\.(com|ly)\/redoc\//)]));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe("pointing build-docs's page at the site's copy of Redoc", () => {
  const cdn = 'https://cdn.redocly.com/redoc/v3.0.1/bundles/redoc.standalone.js';
  const page = [
    `<head><link rel="modulepreload" href="${cdn}" integrity="sha384-x" crossorigin="anonymous" /></head>`,
    `<body><div id="redoc"></div><script type="module">\n      import { hydrate } from "${cdn}";\n      hydrate({}, {}, document.getElementById('redoc'));\n      </script></body>`,
  ].join('\n');

  it('drops the preload and imports the local file after the first paint', () => {
    const html = withLocalRedoc(page, './assets/redoc.abc.js');
    expect(html).not.toContain('cdn.redocly.com');
    expect(html).not.toContain('modulepreload');
    expect(html).toContain(`${afterFirstPaint}\n      const { hydrate } = await import("./assets/redoc.abc.js");\n      hydrate(`);
  });

  it('fails, saying what it expected, on a page whose shape it does not know', () => {
    expect(() => withLocalRedoc('<script type="module">const x = 1;</script>', './a.js')).toThrow(/expected the page to name Redoc's CDN script twice/);
    expect(() => withLocalRedoc(page.replace(/<link[^>]*>/, `<!-- ${cdn} -->`), './a.js')).toThrow(/expected the page's head to preload Redoc's script/);
    expect(() => withLocalRedoc(page.replace('import { hydrate } from', `import { init } from`), './a.js')).toThrow(/import Redoc's hydrate function/);
  });

  it("fails when Redoc's script no longer names the CDN logos it replaces", () => {
    expect(withLocalLogos('a("https://cdn.redoc.ly/redoc/logo-mini-full.svg", "https://cdn.redoc.ly/redoc/logo-mini.svg")')).not.toContain('cdn.redoc.ly');
    expect(() => withLocalLogos('a("https://cdn.redoc.ly/redoc/logo-mini.svg")')).toThrow(
      /no longer loads its logo from https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini-full\.svg/,
    );
  });
});
