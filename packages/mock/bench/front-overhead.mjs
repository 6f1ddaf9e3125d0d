#!/usr/bin/env node
// On-demand benchmark: what the front adds over bare Prism, plain and in the verifying mode.
// Two mocks are started (plain, and --verify-signatures); autocannon then loads the same valid
// request against each target in turn, in this process, at each connection count: bare Prism,
// the plain front, and the verifying front checking an SDK-HMAC-SHA256 signature (Huawei) or an
// ACS3-HMAC-SHA256 one (Alibaba, each request with its own nonce, as the mock refuses a reused
// one). Reported: p50/p99 latency, requests per second, the ratio to Prism, non-2xx answers and
// timeouts. The mocks run in a child process, so the fronts do not share an event loop with
// autocannon. Not a test: the numbers depend on the machine (autocannon shares its cores).
//
// Run it by hand, after a build:
//   npm run pnpm -- --filter @cloud-backup-contracts/mock bench:front   (from the repo root)
import { signAlibabaHbrAcs3Request } from '@cloud-backup-contracts/client/alibaba-hbr';
import { signHuaweiVbsRequest } from '@cloud-backup-contracts/client/huawei-vbs';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';

const connectionCounts = (process.env.BENCH_CONNECTIONS ?? '100,500,2000').split(',').map(Number);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const huaweiPath = '/v2/0605767c3f00d5762fa8c0147ee18d02/os-vendor-backup-sharing/count';
const alibabaPath = '/?SourceType=ECS_FILE';
const huaweiKey = { accessKeyId: 'BENCHAK', secretAccessKey: 'bench-secret' };
const alibabaKey = { accessKeyId: 'LTAIbench', accessKeySecret: 'bench-secret' };

const lower = (headers) => Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));

/** One Huawei request signed once: SDK-HMAC-SHA256 has no nonce, and the server checks it anew each time. */
async function huaweiHeaders(url) {
  const { headers } = await signHuaweiVbsRequest({ method: 'GET', url: `${url}${huaweiPath}` }, huaweiKey);
  return lower(headers);
}

/** Enough ACS3-signed requests for a run, each with its own nonce. */
async function acs3Pool(url, size) {
  const pool = [];
  for (let i = 0; i < size; i++) {
    const { headers } = await signAlibabaHbrAcs3Request({ method: 'POST', url: `${url}${alibabaPath}` }, alibabaKey, {
      action: 'GetBasicStatistics',
      version: '2017-09-08',
    });
    pool.push(lower(headers));
  }
  return pool;
}

// one position across runs: a nonce the verifying mock has seen is refused, so none is sent twice
let next = 0;
function load({ url, method = 'GET', path, headers, pool }, connections) {
  const requests = pool ? [{ setupRequest: (request) => ({ ...request, headers: { ...request.headers, ...pool[next++ % pool.length] } }) }] : undefined;
  return autocannon({ url: `${url}${path}`, method, headers, requests, connections, duration: seconds, timeout: 10 });
}

/** Both mocks in a child process; its first line is their URLs as JSON. */
const server = spawn(
  process.execPath,
  [
    '--input-type=module',
    '-e',
    `import { startMock } from ${JSON.stringify(new URL('../dist/index.js', import.meta.url).href)};
     const ports = { 'huawei-vbs': 0, 'alibaba-hbr': 0 };
     const plain = await startMock({ ports });
     const verifying = await startMock({ ports, verifySignatures: true, credentials: ${JSON.stringify({ 'huawei-vbs': { aksk: [huaweiKey] }, 'alibaba-hbr': { aksk: [alibabaKey] } })} });
     console.log(JSON.stringify({ plain: { urls: plain.urls, upstreamUrls: plain.upstreamUrls }, verifying: { urls: verifying.urls } }));
     process.on('SIGTERM', () => Promise.all([plain.stop(), verifying.stop()]).then(() => process.exit(0)));`,
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
const [firstLine] = await once(createInterface({ input: server.stdout }), 'line');
const { plain, verifying } = JSON.parse(firstLine);
try {
  // note: about 3,000 requests a second at most on the development machine; the pool covers that
  const pool = await acs3Pool(verifying.urls['alibaba-hbr'], 6_000 * seconds);
  const groups = {
    'huawei-vbs': [
      ['prism', { url: plain.upstreamUrls['huawei-vbs'], path: huaweiPath, headers: { 'x-auth-token': 'token' } }],
      ['front', { url: plain.urls['huawei-vbs'], path: huaweiPath, headers: { 'x-auth-token': 'token' } }],
      ['verifying', { url: verifying.urls['huawei-vbs'], path: huaweiPath, headers: await huaweiHeaders(verifying.urls['huawei-vbs']) }],
    ],
    'alibaba-hbr': [
      ['prism', { url: plain.upstreamUrls['alibaba-hbr'], method: 'POST', path: alibabaPath, pool }],
      ['verifying', { url: verifying.urls['alibaba-hbr'], method: 'POST', path: alibabaPath, pool }],
    ],
  };
  console.log(`${seconds} s per run, node ${process.version}\n`);
  console.log('api          connections  target     p50 ms  p99 ms  req/s    non-2xx  timeouts  vs Prism');
  for (const [api, targets] of Object.entries(groups)) {
    for (const connections of connectionCounts) {
      let prism;
      for (const [name, target] of targets) {
        const r = await load(target, connections);
        prism ??= r;
        const versus =
          r === prism
            ? ''
            : `${(r.requests.average / prism.requests.average).toFixed(2)}x req/s, p50 ${r.latency.p50 - prism.latency.p50 >= 0 ? '+' : ''}${r.latency.p50 - prism.latency.p50} ms`;
        console.log(
          `${api.padEnd(12)} ${String(connections).padStart(11)}  ${name.padEnd(9)}  ${String(r.latency.p50).padStart(6)}  ${String(r.latency.p99).padStart(6)}  ${String(Math.round(r.requests.average)).padStart(7)}  ${String(r.non2xx).padStart(7)}  ${String(r.timeouts).padStart(8)}  ${versus}`,
        );
      }
    }
    console.log('');
  }
} finally {
  server.kill('SIGTERM');
  await once(server, 'exit');
}
