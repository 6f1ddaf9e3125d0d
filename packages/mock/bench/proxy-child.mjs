#!/usr/bin/env node
// A child process of the proxy bench (proxy-overhead.mjs): `stand-in` serves the documented
// answer of one operation on a free loopback port; `proxy <upstream>` serves proxy mode in
// front of it (the built front, re-signing with an IAM token, checking every answer). Each
// prints its URL on one line and runs until it is killed.
import { createServer } from 'node:http';
import { bundledContractIndex, bundledContractPath } from '../dist/contracts.js';
import { startFront } from '../dist/front/front.js';
import { contractForDrift, proxyApi } from '../dist/proxy/proxy-api.js';
import { DriftReport } from '../dist/proxy/report.js';
import { createResigner } from '../dist/proxy/resign.js';

const [role, upstream] = process.argv.slice(2);
// a clean exit on the bench's SIGTERM, so a profiler started with the child writes its file
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => process.exit(0));
const api = 'huawei-vbs';

if (role === 'stand-in') {
  // the contract's own example for the count, so the proxy finds nothing to report
  const body = JSON.stringify({ count: 2 });
  const server = createServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => console.log(`http://127.0.0.1:${server.address().port}`));
} else if (role === 'proxy') {
  const report = new DriftReport(undefined, (finding) => console.error(`drift: ${JSON.stringify(finding)}`));
  const proxy = proxyApi({
    api,
    contract: contractForDrift(bundledContractPath(api)),
    upstream: new URL(upstream),
    resign: await createResigner({ type: 'token', token: 'bench-token' }, 'bench'),
    report,
  });
  const front = await startFront({ contract: bundledContractIndex(api), host: '127.0.0.1', port: 0, upstreamPort: 9, proxy });
  console.log(`http://127.0.0.1:${front.port}`);
} else {
  console.error('usage: proxy-child.mjs stand-in | proxy <upstream-url>');
  process.exit(2);
}
