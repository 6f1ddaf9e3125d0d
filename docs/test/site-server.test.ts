// The site server over real HTTP: it sends the build's compressed copies to clients that accept
// them, and lets browsers keep the content-hashed script for good while pages are revalidated.
import { request } from 'node:http';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { immutableCacheControl, siteDir, startSiteServer } from '../scripts/site-server.mjs';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** One GET with exactly the headers given (node:http adds no Accept-Encoding of its own). */
function get(url: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

const asset = readdirSync(join(siteDir, 'assets')).find((file) => /^redoc\.[0-9a-f]{12}\.js$/.test(file)) ?? '';
let server: Awaited<ReturnType<typeof startSiteServer>>;

beforeAll(async () => {
  server = await startSiteServer();
});

afterAll(async () => {
  await server?.close();
});

describe('the site server', () => {
  it.each([
    { accepts: 'gzip, deflate, br', encoding: 'br', copy: '.br' },
    { accepts: 'gzip', encoding: 'gzip', copy: '.gz' },
    { accepts: 'identity', encoding: undefined, copy: '' },
  ])('sends the $copy copy of a page and its script to a client that accepts "$accepts"', async ({ accepts, encoding, copy }) => {
    for (const path of ['huawei-vbs.html', `assets/${asset}`]) {
      const answer = await get(new URL(path, server.url).href, { 'accept-encoding': accepts });
      expect(answer.status).toBe(200);
      expect(answer.headers['content-encoding']).toBe(encoding);
      expect(answer.headers.vary).toBe('Accept-Encoding');
      expect(answer.body.equals(readFileSync(join(siteDir, `${path}${copy}`)))).toBe(true);
    }
  });

  it('lets browsers keep the content-hashed script for good and revalidate pages', async () => {
    const script = await get(new URL(`assets/${asset}`, server.url).href, { 'accept-encoding': 'br' });
    expect(script.headers['cache-control']).toBe(immutableCacheControl);
    expect(script.headers['content-type']).toMatch(/^text\/javascript/);
    for (const path of ['huawei-vbs.html', 'index.html', 'style.css']) {
      const answer = await get(new URL(path, server.url).href, { 'accept-encoding': 'br' });
      expect(answer.headers['cache-control']).toBe('no-cache');
      expect(answer.headers.etag).toBeTruthy();
    }
  });

  it('answers 404 for a file the site does not have', async () => {
    expect((await get(new URL('assets/redoc.000000000000.js', server.url).href)).status).toBe(404);
  });
});
