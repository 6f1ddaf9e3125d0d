#!/usr/bin/env node
// On-demand benchmark: what the front adds over bare Prism. One mock is started; autocannon
// then loads the same valid request against the front's public URL and against the Prism behind
// it, alternately, in this process, at 100, 500 and 2,000 connections. Reported: p50/p99 latency,
// requests per second, the ratio front/Prism, non-2xx answers and timeouts. Not a test: the
// numbers depend on the machine (autocannon shares its cores with the mock).
//
// Run it by hand, after a build:
//   npm run pnpm -- --filter @cloud-backup-contracts/mock bench:front   (from the repo root)
import autocannon from 'autocannon';
import { startMock } from '../dist/index.js';

const connectionCounts = (process.env.BENCH_CONNECTIONS ?? '100,500,2000').split(',').map(Number);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const path = '/v2/0605767c3f00d5762fa8c0147ee18d02/os-vendor-backup-sharing/count';

function load(url, connections) {
  return autocannon({ url: `${url}${path}`, headers: { 'x-auth-token': 'token' }, connections, duration: seconds, timeout: 10 });
}

const mock = await startMock({ ports: { 'huawei-vbs': 0, 'alibaba-hbr': 0 } });
try {
  const front = mock.urls['huawei-vbs'];
  const prism = mock.upstreamUrls['huawei-vbs'];
  console.log(`front ${front}, Prism ${prism}; ${seconds} s per run, node ${process.version}\n`);
  console.log('connections  target  p50 ms  p99 ms  req/s    non-2xx  timeouts  errors');
  for (const connections of connectionCounts) {
    const results = {};
    for (const [name, url] of [
      ['prism', prism],
      ['front', front],
    ]) {
      const r = await load(url, connections);
      results[name] = r;
      console.log(
        `${String(connections).padStart(11)}  ${name.padEnd(6)}  ${String(r.latency.p50).padStart(6)}  ${String(r.latency.p99).padStart(6)}  ${String(Math.round(r.requests.average)).padStart(7)}  ${String(r.non2xx).padStart(7)}  ${String(r.timeouts).padStart(8)}  ${String(r.errors).padStart(6)}`,
      );
    }
    const ratio = results.front.requests.average / results.prism.requests.average;
    const signed = (ms) => `${ms >= 0 ? '+' : ''}${ms} ms`;
    const p50 = signed(results.front.latency.p50 - results.prism.latency.p50);
    const p99 = signed(results.front.latency.p99 - results.prism.latency.p99);
    console.log(`${''.padStart(11)}  front/Prism throughput ${ratio.toFixed(2)}, p50 ${p50}, p99 ${p99}\n`);
  }
} finally {
  await mock.stop();
}
