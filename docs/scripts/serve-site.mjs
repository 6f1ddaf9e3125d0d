#!/usr/bin/env node
// `pnpm run serve`: the built site on http://127.0.0.1:4000/ (DOCS_PORT overrides the port).
import { startSiteServer } from './site-server.mjs';

const port = Number(process.env.DOCS_PORT ?? 4000);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`docs: DOCS_PORT must be a port number, got ${JSON.stringify(process.env.DOCS_PORT)}`);
  process.exit(1);
}

try {
  const server = await startSiteServer({ port });
  console.log(`docs: serving docs/site at ${server.url}`);
  const stop = () => server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  console.error(`docs: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
