// The client's browser build in a real Chromium, against a local server on the page's origin:
// the call succeeds with its request id, and the request carries the browser's own User-Agent,
// never the client's (the browser build names none, and Chromium drops one a page sets itself).
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/chromium.js';

const docsDir = fileURLToPath(new URL('../', import.meta.url));
const page = `<!doctype html><meta charset="utf-8"><script type="module">
import { createHuaweiVbsClient } from '/client.js';
const vbs = createHuaweiVbsClient({ baseUrl: location.origin, projectId: '0605767c3f00d5762fa8c0147ee18d02', auth: { type: 'token', token: 'browser-token' }, userAgent: 'page-suffix/1' });
const { data, error, requestId } = await vbs.countBackupShares();
await fetch('/v2/page-set', { headers: { 'User-Agent': 'page-set/1' } });
window.outcome = { count: data?.count, error: error && String(error), requestId };
</script>`;

let browser: Browser;
const seen: { url: string; headers: IncomingHttpHeaders }[] = [];
const server = createServer((request, response) => {
  if (request.url === '/') return response.writeHead(200, { 'content-type': 'text/html' }).end(page);
  if (request.url === '/client.js') return response.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
  seen.push({ url: request.url ?? '', headers: request.headers });
  response.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'browser-req-1' }).end('{"count":5}');
});
let bundle = '';

beforeAll(async () => {
  const built = await build({
    stdin: { contents: `export * from '@cloud-backup-contracts/client/huawei-vbs';`, resolveDir: docsDir },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
  });
  bundle = built.outputFiles[0]!.text;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('the client in Chromium', () => {
  it('calls with the browser’s own User-Agent and reads the request id', async () => {
    const tab = await browser.newPage();
    await tab.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await tab.waitForFunction(() => (window as { outcome?: unknown }).outcome !== undefined);
    const outcome = await tab.evaluate(() => (window as { outcome?: unknown }).outcome);
    const browserAgent = await tab.evaluate(() => navigator.userAgent);
    expect(outcome).toEqual({ count: 5, requestId: 'browser-req-1' });
    expect(seen.map(({ url, headers }) => [url.replace(/\?.*/, ''), headers['user-agent']])).toEqual([
      ['/v2/0605767c3f00d5762fa8c0147ee18d02/os-vendor-backup-sharing/count', browserAgent],
      ['/v2/page-set', browserAgent],
    ]);
    expect(browserAgent).toMatch(/Chrome\//);
  });
});
