// Section: proxy mode's cost per request, from the mock package's proxy bench (a stand-in for the
// service and the proxy in child processes; 100 connections straight to the stand-in and through
// the proxy, in alternating rounds, in this process).
import { benchProxy } from '../../../mock/bench/proxy-overhead.mjs';

const addedLimitMs = 2;

export async function proxyLoad({ connections = 100, seconds = 5, rate = 1000, rounds = 5, log = console.log } = {}) {
  const result = await benchProxy({
    connections,
    seconds,
    rate,
    rounds,
    onRow: (r) => log(`  ${r.load} ${r.target} round ${r.round + 1}: p50 ${r.p50.toFixed(2)} ms, ${Math.round(r.rps)} req/s, errors ${r.errors}`),
  });
  const errors = result.rows.reduce((sum, row) => sum + row.errors, 0);
  return {
    title: 'Proxy mode (re-signing, checking every answer) beside a direct call',
    note: `${connections} connections, ${rounds} alternating rounds of ${seconds} s per target; "fixed rate" sends ${rate} req/s in all and times each request (µs resolution), "unthrottled" is autocannon at full speed (whole-ms latencies, mostly queueing). The stand-in answers the documented count; the proxy re-signs with an IAM token and checks each answer against the contract. What the proxy adds is the median over rounds of its p50 less the direct p50 of the same round.`,
    columns: ['load', 'target', 'req/s', 'p50 ms', 'p99 ms', 'errors'],
    rows: result.rows.map((r) => [r.load, r.target, Math.round(r.rps), r.p50.toFixed(2), r.p99.toFixed(2), r.errors]),
    data: result,
    budgets: [
      {
        name: `the proxy adds ≤ ${addedLimitMs} ms to the median request (${connections} connections, ${rate} req/s, loopback)`,
        value: result.addedMs,
        limit: addedLimitMs,
        pass: result.addedMs <= addedLimitMs,
        // the median of the rounds' differences, each round's proxy run against the direct run just before it
        shown: `+${result.addedMs.toFixed(2)} ms (medians: ${result.rows[1].p50.toFixed(2)} ms vs ${result.rows[0].p50.toFixed(2)} ms direct)`,
      },
      { name: 'no errors through the proxy or directly', value: errors, limit: 0, pass: errors === 0, shown: `${errors}` },
    ],
  };
}
