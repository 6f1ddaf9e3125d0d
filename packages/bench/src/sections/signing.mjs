// Section 2: µs per request of our signers against each vendor's own, from the client package's
// vendor-signer bench (which checks both sides against the signing vectors first).
import { benchVendorSigners } from '../../../client/bench/vendor-signers.mjs';

// no slower than the vendor's own signer (issue #28)
const minSpeedup = 1.0;

export async function signing({ rounds = 15, callsPerRound = 20_000, log = console.log } = {}) {
  const schemes = await benchVendorSigners({ warmupCalls: callsPerRound, rounds, callsPerRound }, log);
  const data = schemes.map(({ title, baseline, ours, vendor }) => ({
    scheme: title.split(',')[0],
    baselineUs: baseline.median,
    oursUs: ours.median,
    vendor: vendor.label,
    vendorUs: vendor.median,
    speedup: vendor.median / ours.median,
  }));
  return {
    title: 'Signing (µs per request, median)',
    note: `${rounds} interleaved rounds of ${callsPerRound} calls per case; baseline = one SHA-256 of the canonical request; ${schemes[0]?.versions.join(', ')}`,
    columns: ['scheme', 'baseline µs', 'ours µs', 'vendor', 'vendor µs', 'vendor ÷ ours'],
    rows: data.map((d) => [d.scheme, d.baselineUs.toFixed(2), d.oursUs.toFixed(2), d.vendor, d.vendorUs.toFixed(2), `×${d.speedup.toFixed(2)}`]),
    data,
    budgets: data.map((d) => ({
      name: `${d.scheme}: ours at least as fast as the vendor signer (≥ ×${minSpeedup.toFixed(1)})`,
      value: d.speedup,
      limit: minSpeedup,
      pass: d.speedup >= minSpeedup,
      shown: `×${d.speedup.toFixed(2)} (${d.oursUs.toFixed(1)} µs vs ${d.vendorUs.toFixed(1)} µs)`,
    })),
  };
}
