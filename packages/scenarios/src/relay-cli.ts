#!/usr/bin/env node
// The signing relay on the command line, for running a workflow by hand (see the README).
import { parseArgs } from 'node:util';
import { relayKeyOf } from './credentials-file.js';
import { startSigningRelay } from './signing-relay.js';

const usage = 'Usage: node dist/relay-cli.js --api <huawei-vbs|alibaba-hbr> --target <mock url> --credentials <file> [--port <n>]';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { api: { type: 'string' }, target: { type: 'string' }, credentials: { type: 'string' }, port: { type: 'string' } } });
  const { api, target, credentials, port = '0' } = values;
  if ((api !== 'huawei-vbs' && api !== 'alibaba-hbr') || !target || !credentials || !/^\d{1,5}$/.test(port)) {
    console.error(usage);
    return 2;
  }
  const relay = await startSigningRelay({ ...relayKeyOf(credentials, api), target, port: Number(port) });
  console.log(`${api} ${relay.url}`);
  await new Promise((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await relay.close();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const badFlags = String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS');
    console.error(`signing relay: ${error instanceof Error ? error.message : error}${badFlags ? `\n${usage}` : ''}`);
    process.exit(badFlags ? 2 : 1);
  },
);
