// The verifier's memory of nonces: each is accepted once while it can still be replayed, and
// forgotten once its request's date would be refused anyway, so the memory stays bounded.
import { describe, expect, it } from 'vitest';
import { NonceLedger } from '../../src/signing/verify.ts';

const keepMs = 30 * 60_000;

describe('NonceLedger', () => {
  it.each([
    ['the same nonce of the same key, a minute later', 'AK', 'n1', 60_000, false],
    ['the same nonce of another key', 'AK2', 'n1', 60_000, true],
    ['another nonce of the same key', 'AK', 'n2', 60_000, true],
    ['the same nonce once it is older than the window', 'AK', 'n1', keepMs + 1, true],
  ])('%s: accepted %s', (_what, key, nonce, later, accepted) => {
    const ledger = new NonceLedger(keepMs);
    expect(ledger.use('AK', 'n1', 0)).toBe(true);
    expect(ledger.use(key, nonce, later)).toBe(accepted);
  });

  it('forgets expired nonces, so a steady stream keeps it bounded', () => {
    const ledger = new NonceLedger(keepMs);
    // one nonce a second for three windows
    for (let second = 0; second < (3 * keepMs) / 1000; second++) ledger.use('AK', `n${second}`, second * 1000);
    expect(ledger.size).toBeLessThanOrEqual(keepMs / 1000 + 1);
  });
});
