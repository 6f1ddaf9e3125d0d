#!/usr/bin/env node
// On-demand benchmark: what proxy mode adds to a request. A stand-in for the service and the
// proxy in front of it each run in a child process; autocannon, in this process, loads the same
// request at 100 connections directly on the stand-in and through the proxy, in alternating
// rounds. Two loads: a fixed rate both targets keep up with, whose median latency is the time a
// request takes (the budget: the proxy adds at most 2 ms), timed here per request in
// microseconds over 100 kept-alive connections (autocannon's histogram counts whole
// milliseconds, too coarse for the budget); and autocannon unthrottled, whose requests per
// second show each target's capacity (where latency is mostly queueing).
//
// Run it by hand, after a build:
//   npm run pnpm -- --filter @cloud-backup-contracts/mock bench:proxy   (from the repo root)
// or as the proxy section of `npm run bench`, which imports benchProxy().
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { once } from 'node:events';
import { realpathSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const child = fileURLToPath(new URL('./proxy-child.mjs', import.meta.url));
const path = '/v2/0605767c3f00d5762fa8c0147ee18d02/os-vendor-backup-sharing/count';

async function start(...args) {
  const process_ = spawn(process.execPath, [child, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [url] = await once(createInterface({ input: process_.stdout }), 'line');
  return {
    url,
    stop: async () => {
      if (process_.exitCode !== null) return;
      process_.kill('SIGTERM');
      await once(process_, 'exit');
    },
  };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** One GET on `agent`'s connection; resolves with its round trip in ms (µs resolution) and status. */
function timedGet(url, agent) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const req = request(`${url}${path}`, { agent, headers: { 'x-auth-token': 'caller' } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ ms: Number(process.hrtime.bigint() - started) / 1e6, status: res.statusCode }));
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * `rate` requests per second spread over `connections` kept-alive connections, each sending its
 * next request on its own schedule (never two at once), for `seconds`: every round trip timed.
 */
async function fixedRate(url, connections, seconds, rate) {
  const interval = (connections / rate) * 1000;
  const latencies = [];
  let errors = 0;
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async (_, index) => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      // spread the connections' schedules over one interval
      let next = performance.now() + (index * interval) / connections;
      try {
        while (next < until) {
          await sleep(Math.max(0, next - performance.now()));
          next += interval;
          try {
            const { ms, status } = await timedGet(url, agent);
            if (status === 200) latencies.push(ms);
            else errors++;
          } catch {
            errors++;
          }
        }
      } finally {
        agent.destroy();
      }
    }),
  );
  const sorted = latencies.sort((a, b) => a - b);
  return { p50: sorted[Math.floor(sorted.length / 2)], p99: sorted[Math.floor(sorted.length * 0.99)], rps: latencies.length / seconds, errors };
}

async function load(url, connections, seconds, overallRate) {
  if (overallRate) return fixedRate(url, connections, seconds, overallRate);
  const result = await autocannon({ url: `${url}${path}`, headers: { 'x-auth-token': 'caller' }, connections, duration: seconds, timeout: 10 });
  return { p50: result.latency.p50, p99: result.latency.p99, rps: result.requests.average, errors: result.non2xx + result.errors + result.timeouts };
}

/**
 * Loads the stand-in directly and through the proxy; returns per target and load the median
 * of the rounds' p50 latency (ms), their p99, requests per second and errors, and the median of
 * what the proxy added to the fixed-rate p50, round by round.
 */
export async function benchProxy({ connections = 100, seconds = 5, rate = 1000, rounds = 5, onRow = () => {} } = {}) {
  const standIn = await start('stand-in');
  const proxy = await start('proxy', standIn.url);
  const targets = { direct: standIn.url, proxy: proxy.url };
  const samples = [];
  try {
    // warm both paths (connections, JIT) before anything is measured
    for (const url of Object.values(targets)) await load(url, connections, 1, rate);
    for (const [loadName, overallRate] of [
      ['fixed rate', rate],
      ['unthrottled', undefined],
    ]) {
      for (let round = 0; round < rounds; round++) {
        for (const [target, url] of Object.entries(targets)) {
          const sample = { load: loadName, target, round, ...(await load(url, connections, seconds, overallRate)) };
          samples.push(sample);
          onRow(sample);
        }
      }
    }
  } finally {
    await proxy.stop();
    await standIn.stop();
  }
  const rows = [];
  for (const loadName of ['fixed rate', 'unthrottled']) {
    for (const target of Object.keys(targets)) {
      const mine = samples.filter((sample) => sample.load === loadName && sample.target === target);
      rows.push({
        load: loadName,
        target,
        p50: median(mine.map((sample) => sample.p50)),
        p99: median(mine.map((sample) => sample.p99)),
        rps: median(mine.map((sample) => sample.rps)),
        errors: mine.reduce((sum, sample) => sum + sample.errors, 0),
      });
    }
  }
  // each round's proxy median less the direct median measured just before it: paired, so a
  // change in the machine's load between rounds weighs on both sides of a difference
  const paired = (target) => samples.filter((sample) => sample.load === 'fixed rate' && sample.target === target).map((sample) => sample.p50);
  const direct = paired('direct');
  const addedMs = median(paired('proxy').map((p50, round) => p50 - direct[round]));
  return { rows, connections, rate, seconds, rounds, addedMs };
}

if (process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url))) {
  const result = await benchProxy({ onRow: (row) => console.log(JSON.stringify(row)) });
  console.table(result.rows);
  console.log(`the proxy adds ${result.addedMs.toFixed(2)} ms to the median request at ${result.connections} connections, ${result.rate} req/s`);
}
