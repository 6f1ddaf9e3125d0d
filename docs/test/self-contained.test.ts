import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { apiReferences } from '../scripts/apis.mjs';
import { remoteFetchesInCss, remoteFetchesInHtml } from '../scripts/self-contained.mjs';

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

  it('flags remote url() and @import in a stylesheet', () => {
    expect(remoteFetchesInCss('@import "https://example.com/a.css"; b { background: url("http://example.com/b.png") }', 'x.css')).toHaveLength(2);
  });
});

describe('the built site', () => {
  it('loads nothing from another host', () => {
    const files = readdirSync(siteDir);
    expect(files).toEqual(expect.arrayContaining(['index.html', 'getting-started.html', 'style.css', ...apiReferences.map((api) => `${api.name}.html`)]));
    const found = files.flatMap((file) => {
      const text = readFileSync(join(siteDir, file), 'utf8');
      return file.endsWith('.css') ? remoteFetchesInCss(text, file) : file.endsWith('.html') ? remoteFetchesInHtml(text) : [];
    });
    expect(found).toEqual([]);
  });

  it.each(apiReferences.map((api) => ({ api, page: `${api.name}.html` })))('embeds Redoc in $page instead of loading it', ({ api }) => {
    const html = readFileSync(join(siteDir, `${api.name}.html`), 'utf8');
    expect(html).not.toMatch(/<script\b[^>]*\bsrc=/i);
    const inlineScripts = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/gi)].map((m) => m[1]?.length ?? 0);
    expect(Math.max(...inlineScripts)).toBeGreaterThan(1_000_000);
    expect(html).toContain('https://github.com/Redocly/redoc');
  });

  it('would be rejected if Redoc were loaded from its CDN (build-docs without --inlineBundle)', () => {
    const require = createRequire(import.meta.url);
    const manifest = require.resolve('@redocly/cli/package.json');
    const cli = join(dirname(manifest), JSON.parse(readFileSync(manifest, 'utf8')).bin.redocly);
    const folder = mkdtempSync(join(tmpdir(), 'redoc-cdn-'));
    try {
      const output = join(folder, 'reference.html');
      const api = apiReferences[0]!;
      const run = spawnSync(process.execPath, [cli, 'build-docs', api.bundlePath, '--output', output], {
        encoding: 'utf8',
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      });
      expect(run.status).toBe(0);
      const found = remoteFetchesInHtml(readFileSync(output, 'utf8'));
      expect(found.map((f) => f.url)).toEqual(expect.arrayContaining([expect.stringMatching(/^https:\/\/cdn\.redoc(ly)?\.(com|ly)\/redoc\//)]));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
