// Section 5: the mock under load, from the mock package's front bench (autocannon against bare
// Prism, our mock's front and the verifying front, in this process).
import { benchFront } from '../../../mock/bench/front-overhead.mjs';

const readyLimitMs = 5000;
const minThroughput = 0.9;

export async function mockLoad({ connectionCounts = [100, 500, 2000], seconds = 5, log = console.log } = {}) {
  const { rows, readyMs, barePrismReadyMs, peakRss } = await benchFront({
    connectionCounts,
    seconds,
    onRow: (r) => log(`  ${r.api} ${r.connections} ${r.target}: ${Math.round(r.rps)} req/s, p99 ${r.p99} ms, errors ${r.non2xx + r.timeouts + r.errors}`),
  });
  const most = Math.max(...connectionCounts);
  const errorsAt = (row) => row.non2xx + row.timeouts + row.errors;
  const ours = rows.filter((r) => r.target !== 'prism');
  const budgets = [
    // a run that outlasted its signed requests measured the bench, not the mock
    ...rows
      .filter((r) => r.poolRanOut)
      .map((r) => ({
        name: `${r.api} ${r.target} at ${r.connections} connections: signed requests lasted the run`,
        value: 0,
        limit: 1,
        pass: false,
        shown: 'ran out',
      })),
    ...ours
      .filter((r) => r.connections === most && !r.poolRanOut)
      .map((r) => ({
        name: `${r.api} ${r.target}: 0 errors at ${most} connections`,
        value: errorsAt(r),
        limit: 0,
        pass: errorsAt(r) === 0,
        shown: `${errorsAt(r)}`,
      })),
    ...ours
      .filter((r) => r.target === 'front')
      .map((r) => ({
        name: `${r.api} our mock ≥ ${minThroughput}× bare Prism req/s at ${r.connections} connections`,
        value: r.vsPrism,
        limit: minThroughput,
        pass: r.vsPrism >= minThroughput,
        shown: `×${r.vsPrism.toFixed(2)}`,
      })),
    ...Object.entries(readyMs).map(([mode, ms]) => ({
      name: `${mode} mock ready ≤ 5 s`,
      value: ms,
      limit: readyLimitMs,
      pass: ms <= readyLimitMs,
      // bare Prism's own start, in the same run, is what no front can make faster
      shown: `${(ms / 1000).toFixed(2)} s (bare Prism, both contracts: ${(barePrismReadyMs / 1000).toFixed(2)} s)`,
    })),
  ];
  const mib = (bytes) => (bytes ? `${(bytes / 2 ** 20).toFixed(0)} MiB` : 'n/a');
  return {
    title: 'Mock under load (autocannon)',
    note: `${seconds} s per run; peak RSS: one Prism process ${mib(peakRss.prism)}, verifying mode's Prism ${mib(peakRss.verifyingPrism)}, the fronts' process ${mib(peakRss.fronts)} (verifying: ${mib(peakRss.verifyingFronts)}); ready: plain ${(readyMs.plain / 1000).toFixed(2)} s, verifying ${(readyMs.verifying / 1000).toFixed(2)} s, bare Prism (both contracts at once) ${(barePrismReadyMs / 1000).toFixed(2)} s`,
    columns: ['api', 'connections', 'target', 'req/s', 'p50 ms', 'p99 ms', 'errors', '× Prism req/s'],
    rows: rows.map((r) => [
      r.api,
      r.connections,
      r.target,
      Math.round(r.rps),
      r.p50,
      r.p99,
      r.poolRanOut ? 'n/a (signed pool ran out)' : errorsAt(r),
      `×${r.vsPrism.toFixed(2)}`,
    ]),
    data: { rows, readyMs, barePrismReadyMs, peakRss },
    budgets,
  };
}
