// One static server for `serve`, the browser tests and the bench: sirv over node:http, bound to
// loopback. It sends the .br/.gz copies the build writes beside each text file to clients that
// accept them, and lets browsers keep the content-hashed files under assets/ for good.
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';

export const siteDir = fileURLToPath(new URL('../site/', import.meta.url));

/** A file under assets/ has its content's hash in its name: a new build gives a new name. */
export const immutableCacheControl = 'public, max-age=31536000, immutable';

/** @param {import('node:http').ServerResponse} response @param {string} pathname */
function cacheHeaders(response, pathname) {
  if (pathname.startsWith('/assets/')) response.setHeader('Cache-Control', immutableCacheControl);
}

/**
 * Serves a built site until `close()` is called.
 * @param {{ dir?: string, host?: string, port?: number }} [options] port 0 picks a free one
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>}
 */
export async function startSiteServer({ dir = siteDir, host = '127.0.0.1', port = 0 } = {}) {
  if (!existsSync(join(dir, 'index.html'))) throw new Error(`${dir} holds no index.html; run the docs build first`);
  // note: dev mode re-reads files, so a rebuild shows up without a restart
  const serveFile = sirv(dir, { dev: true, etag: true, extensions: ['html'], brotli: true, gzip: true, setHeaders: cacheHeaders });
  const server = createServer((request, response) => {
    serveFile(request, response, () => {
      response.statusCode = 404;
      response.setHeader('content-type', 'text/plain; charset=utf-8');
      response.end('not found');
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(undefined));
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the docs server has no TCP address');
  return {
    url: `http://${host}:${address.port}/`,
    port: address.port,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
