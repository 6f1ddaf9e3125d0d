#!/usr/bin/env node
// On-demand benchmark: what the front adds over bare Prism, plain and in the verifying mode.
// Two mocks are started (plain, and --verify-signatures); autocannon then loads the same valid
// request against each target in turn, in this process, at each connection count: bare Prism,
// the plain front, and the verifying front checking an SDK-HMAC-SHA256 signature (Huawei) or an
// ACS3-HMAC-SHA256 one (Alibaba, each request with its own nonce, as the mock refuses a reused
// one). Reported: p50/p99 latency, requests per second, the ratio to Prism, non-2xx answers and
// timeouts. Each mock runs in a child process, so the fronts do not share an event loop with
// autocannon. Not a test: the numbers depend on the machine (autocannon shares its cores).
//
// Run it by hand, after a build:
//   npm run pnpm -- --filter @cloud-backup-contracts/mock bench:front   (from the repo root)
// or as the mock section of `npm run bench`, which imports benchFront().
import { signAlibabaHbrAcs3Request } from '@cloud-backup-contracts/client/alibaba-hbr';
import { signHuaweiVbsRequest } from '@cloud-backup-contracts/client/huawei-vbs';
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, realpathSync } from 'node:fs';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { prismEntry } from '../dist/prism.js';

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

/**
 * Hands out a pool's signed headers in turn. The verifying mock refuses a nonce it has seen, so
 * a verifying run that used up its pool would measure refusals: that run is marked instead.
 */
function cursor(pool, { nonceChecked = true } = {}) {
  let next = 0;
  const take = () => pool[next++ % pool.length];
  take.exhausted = () => nonceChecked && next > pool.length;
  return take;
}

/** Signed requests for a verifying run: the rate bare Prism just reached, with room to spare. */
const verifyingPoolSize = (prismRps, seconds) => Math.ceil(prismRps * seconds * 1.5) + 1_000;

function load({ url, method = 'GET', path, headers, take }, connections, seconds) {
  const requests = take ? [{ setupRequest: (request) => ({ ...request, headers: { ...request.headers, ...take() } }) }] : undefined;
  return autocannon({ url: `${url}${path}`, method, headers, requests, connections, duration: seconds, timeout: 10 });
}

/** Peak resident memory of a process in bytes (Linux /proc; undefined elsewhere or once it exited). */
function peakRss(pid) {
  try {
    const kib = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kib === undefined ? undefined : Number(kib) * 1024;
  } catch {
    return undefined;
  }
}

/**
 * Starts a mock in a child process, so its fronts do not share an event loop with autocannon
 * here, and times how long until it answers (startMock resolves once every Prism is ready).
 */
async function timedStart(options) {
  const child = spawn(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `import { startMock } from ${JSON.stringify(new URL('../dist/index.js', import.meta.url).href)};
       const start = performance.now();
       const mock = await startMock(${JSON.stringify(options)});
       console.log(JSON.stringify({ urls: mock.urls, upstreamUrls: mock.upstreamUrls, pids: mock.pids, readyMs: performance.now() - start }));
       process.on('SIGTERM', () => mock.stop().then(() => process.exit(0)));`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const [line] = await once(createInterface({ input: child.stdout }), 'line');
  const { readyMs, ...mock } = JSON.parse(line);
  const stop = async () => {
    if (child.exitCode !== null) return;
    child.kill('SIGTERM');
    await once(child, 'exit');
  };
  return { mock: { ...mock, frontPid: child.pid, stop }, readyMs };
}

/** A port free right now on the loopback interface. */
async function freePort() {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  server.close();
  return port;
}

/**
 * Bare Prism's own time to ready, the baseline for the mock's: both contracts at once (as the
 * mock starts them), from spawn until each Prism says it listens.
 */
async function timedBarePrism() {
  const start = performance.now();
  const children = [];
  try {
    await Promise.all(
      ['huawei-vbs', 'alibaba-hbr'].map(async (api) => {
        const contract = fileURLToPath(new URL(`../generated/contracts/${api}.json`, import.meta.url));
        const child = spawn(process.execPath, [prismEntry(), 'mock', contract, '--host', '127.0.0.1', '--port', String(await freePort())], {
          stdio: ['ignore', 'pipe', 'inherit'],
          env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
        });
        children.push(child);
        for await (const line of createInterface({ input: child.stdout })) if (/listening on/i.test(line)) return;
        throw new Error(`bare Prism for ${api} exited before it listened`);
      }),
    );
    return performance.now() - start;
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((child) => (child.exitCode === null ? once(child, 'exit') : undefined)));
  }
}

/**
 * Loads bare Prism, the plain front and the verifying front with autocannon at each connection
 * count, `seconds` per run. Returns one row per api, connection count and target, plus each
 * mock's time to ready and peak RSS (its Prism processes, and the process holding its fronts).
 */
export async function benchFront({ connectionCounts = [100, 500, 2000], seconds = 10, onRow = () => {} } = {}) {
  const barePrismReadyMs = await timedBarePrism();
  const { mock: plain, readyMs: plainReadyMs } = await timedStart({ ports: { 'huawei-vbs': 0, 'alibaba-hbr': 0 } });
  let verifying;
  try {
    const started = await timedStart({
      ports: { 'huawei-vbs': 0, 'alibaba-hbr': 0 },
      verifySignatures: true,
      credentials: { 'huawei-vbs': { aksk: [huaweiKey] }, 'alibaba-hbr': { aksk: [alibabaKey] } },
    });
    verifying = started.mock;
    // Prism checks no nonce, so its runs share one small pool; each verifying run gets a fresh
    // pool sized from the rate Prism reached just before it, so a fast machine never runs dry
    const prismPool = await acs3Pool(verifying.urls['alibaba-hbr'], 1_000);
    const groups = {
      'huawei-vbs': [
        ['prism', { url: plain.upstreamUrls['huawei-vbs'], path: huaweiPath, headers: { 'x-auth-token': 'token' } }],
        ['front', { url: plain.urls['huawei-vbs'], path: huaweiPath, headers: { 'x-auth-token': 'token' } }],
        ['verifying', { url: verifying.urls['huawei-vbs'], path: huaweiPath, headers: await huaweiHeaders(verifying.urls['huawei-vbs']) }],
      ],
      'alibaba-hbr': [
        ['prism', { url: plain.upstreamUrls['alibaba-hbr'], method: 'POST', path: alibabaPath, take: cursor(prismPool, { nonceChecked: false }) }],
        [
          'verifying',
          {
            url: verifying.urls['alibaba-hbr'],
            method: 'POST',
            path: alibabaPath,
            pool: async (prismRps) => cursor(await acs3Pool(verifying.urls['alibaba-hbr'], verifyingPoolSize(prismRps, seconds))),
          },
        ],
      ],
    };
    const rows = [];
    for (const [api, targets] of Object.entries(groups)) {
      for (const connections of connectionCounts) {
        let prism;
        for (const [target, { pool, ...options }] of targets) {
          const take = pool ? await pool(prism.requests.average) : options.take;
          const r = await load({ ...options, take }, connections, seconds);
          prism ??= r;
          const row = {
            api,
            connections,
            target,
            p50: r.latency.p50,
            p99: r.latency.p99,
            rps: r.requests.average,
            non2xx: r.non2xx,
            timeouts: r.timeouts,
            errors: r.errors,
            vsPrism: r.requests.average / prism.requests.average,
            // the run outlasted its signed requests: its refusals say nothing about the mock
            poolRanOut: take?.exhausted?.() ?? false,
            p50VsPrism: r.latency.p50 - prism.latency.p50,
          };
          rows.push(row);
          onRow(row);
        }
      }
    }
    const prismRss = (mock) => Math.max(...Object.values(mock.pids).map((pid) => (pid === undefined ? 0 : (peakRss(pid) ?? 0))));
    return {
      rows,
      readyMs: { plain: plainReadyMs, verifying: started.readyMs },
      barePrismReadyMs,
      peakRss: { prism: prismRss(plain), verifyingPrism: prismRss(verifying), fronts: peakRss(plain.frontPid), verifyingFronts: peakRss(verifying.frontPid) },
    };
  } finally {
    await Promise.all([plain.stop(), verifying?.stop()]);
  }
}

async function main() {
  const connectionCounts = (process.env.BENCH_CONNECTIONS ?? '100,500,2000').split(',').map(Number);
  const seconds = Number(process.env.BENCH_SECONDS ?? 10);
  console.log(`${seconds} s per run, node ${process.version}\n`);
  console.log('api          connections  target     p50 ms  p99 ms  req/s    non-2xx  timeouts  vs Prism');
  await benchFront({
    connectionCounts,
    seconds,
    onRow: (r) => {
      const versus = r.target === 'prism' ? '' : `${r.vsPrism.toFixed(2)}x req/s, p50 ${r.p50VsPrism >= 0 ? '+' : ''}${r.p50VsPrism} ms`;
      console.log(
        `${r.api.padEnd(12)} ${String(r.connections).padStart(11)}  ${r.target.padEnd(9)}  ${String(r.p50).padStart(6)}  ${String(r.p99).padStart(6)}  ${String(Math.round(r.rps)).padStart(7)}  ${String(r.non2xx).padStart(7)}  ${String(r.timeouts).padStart(8)}  ${versus}`,
      );
    },
  });
}

// run only as a script; `npm run bench` imports benchFront
if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
