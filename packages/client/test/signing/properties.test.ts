// Property-based checks (fast-check) for all three signers: the signature is a function of the
// request's content, not of insertion order, and it changes whenever a signed part changes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SigningCrypto } from '../../src/crypto/types.js';
import { signAlibabaAcs3Request } from '../../src/alibaba-hbr/acs3-hmac-sha256.js';
import { signAlibabaRpcV2Request } from '../../src/alibaba-hbr/rpc-v2-hmac-sha1.js';
import { signHuaweiRequest } from '../../src/huawei-vbs/sdk-hmac-sha256.js';
import type { SigningRequest } from '../../src/signing/request.js';
import { nodeCrypto, webCrypto } from './backends.js';
import { numRuns } from '../support/property-runs.js';

const params = { numRuns };

type Pair = [string, string];

/** A request in a form where every part can be permuted or replaced independently. */
interface Spec {
  method: string;
  path: string;
  query: Pair[];
  headers: Pair[];
  /** body form parameters (RPC V2 only; they are signed there) */
  form: Pair[];
  body: string;
}

interface Signer {
  name: string;
  /** header names this signer signs (so a change must change the signature) */
  headerName: fc.Arbitrary<string>;
  usesBody: 'raw' | 'form';
  sign(spec: Spec, secret: string, date: Date, crypto?: SigningCrypto): Promise<{ signature: string; canonicalRequest: string }>;
}

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'];
const method = fc.constantFrom(...METHODS);
const path = fc.array(fc.stringMatching(/^[a-z0-9]{1,8}$/), { minLength: 1, maxLength: 4 }).map((s) => `/${s.join('/')}`);
// "p" prefix keeps clear of RPC V2's reserved names (Action, Signature, Timestamp, ...)
const paramName = fc.stringMatching(/^p[A-Za-z0-9._~-]{0,8}$/);
const paramValue = fc.string({ unit: 'binary', maxLength: 12 });
const pairs = fc.array(fc.tuple(paramName, paramValue), { maxLength: 6 });
// printable, no surrounding whitespace (fetch would strip it; ACS3 trims it)
const headerValue = fc.stringMatching(/^[\x21-\x7e](?:[\x20-\x7e]{0,14}[\x21-\x7e])?$/);
const body = fc.string({ unit: 'binary', maxLength: 40 });
// realistic secrets: visible ASCII (HMAC treats keys differing only by trailing NUL bytes as equal)
const secret = fc.stringMatching(/^[\x21-\x7e]{1,40}$/);
const date = fc.integer({ min: 0, max: 253402300799 }).map((s) => new Date(s * 1000));
const fixedDate = new Date('2026-11-23T10:15:00Z');
const fixedSecret = 'property-test-secret-0001';

function spec(headerName: fc.Arbitrary<string>): fc.Arbitrary<Spec> {
  return fc.record({
    method,
    path,
    query: pairs,
    headers: fc.uniqueArray(fc.tuple(headerName, headerValue), { maxLength: 5, selector: ([name]) => name }),
    form: pairs,
    body,
  });
}

function toRequest(s: Spec, usesBody: 'raw' | 'form'): SigningRequest {
  // RPC V2 requests always go to "/" (the only path its signature covers)
  const url = new URL(`https://api.example.com${usesBody === 'form' ? '/' : s.path}`);
  for (const [name, value] of s.query) url.searchParams.append(name, value);
  const headers: Record<string, string> = Object.fromEntries(s.headers);
  if (usesBody === 'raw') return { method: s.method, url, headers, body: s.body };
  if (s.form.length === 0) return { method: s.method, url, headers };
  headers['content-type'] = 'application/x-www-form-urlencoded';
  return { method: s.method, url, headers, body: new URLSearchParams(s.form).toString() };
}

const signers: Signer[] = [
  {
    name: 'huawei SDK-HMAC-SHA256',
    // every header is signed; "x-h" keeps clear of x-sdk-date / x-sdk-content-sha256
    headerName: fc.stringMatching(/^x-h[a-z0-9-]{0,10}$/),
    usesBody: 'raw',
    sign: (s, secretAccessKey, d, crypto = nodeCrypto) =>
      signHuaweiRequest(toRequest(s, 'raw'), { accessKeyId: 'AK-PROPERTY', secretAccessKey }, crypto, { date: d }),
  },
  {
    name: 'alibaba ACS3-HMAC-SHA256',
    // x-acs-* headers are signed; "x-acs-h" keeps clear of the signer's own x-acs-* headers
    headerName: fc.stringMatching(/^x-acs-h[a-z0-9-]{0,10}$/),
    usesBody: 'raw',
    sign: (s, accessKeySecret, d, crypto = nodeCrypto) =>
      signAlibabaAcs3Request(toRequest(s, 'raw'), { accessKeyId: 'AK-PROPERTY', accessKeySecret }, crypto, {
        action: 'GetBasicStatistics',
        version: '2017-09-08',
        date: d,
        nonce: 'fixed-nonce',
      }),
  },
  {
    name: 'alibaba RPC V2 HMAC-SHA1',
    // V2 signs no headers at all
    headerName: fc.stringMatching(/^x-h[a-z0-9-]{0,10}$/),
    usesBody: 'form',
    sign: (s, accessKeySecret, d, crypto = nodeCrypto) =>
      signAlibabaRpcV2Request(toRequest(s, 'form'), { accessKeyId: 'AK-PROPERTY', accessKeySecret }, crypto, {
        action: 'GetBasicStatistics',
        version: '2017-09-08',
        date: d,
        nonce: 'fixed-nonce',
      }),
  },
];

/** `items` and a permutation of it. */
function withPermutation<T>(items: T[]): fc.Arbitrary<T[]> {
  return fc.shuffledSubarray(items, { minLength: items.length, maxLength: items.length });
}

/** Replaces the value at a random index of a non-empty list with a different value. */
function changeOneValue(list: Pair[], value: fc.Arbitrary<string>): fc.Arbitrary<Pair[]> {
  return fc
    .tuple(fc.nat({ max: list.length - 1 }), value)
    .filter(([index, v]) => list[index]![1] !== v)
    .map(([index, v]) => list.map((pair, i): Pair => (i === index ? [pair[0], v] : pair)));
}

for (const signer of signers) {
  const baseSpec = spec(signer.headerName);
  const sign = (s: Spec, sec = fixedSecret, d = fixedDate) => signer.sign(s, sec, d).then((r) => r.signature);

  describe(`${signer.name} properties`, () => {
    it('does not depend on header insertion order or query parameter order', async () => {
      const arb = baseSpec.chain((s) =>
        fc.record({
          s: fc.constant(s),
          query: withPermutation(s.query),
          headers: withPermutation(s.headers),
          form: withPermutation(s.form),
        }),
      );
      await fc.assert(
        fc.asyncProperty(arb, async ({ s, query, headers, form }) => {
          const permuted = { ...s, query, headers, form };
          expect(await sign(permuted)).toBe(await sign(s));
        }),
        params,
      );
    });

    it('changes when the method changes', async () => {
      const arb = fc.tuple(baseSpec, fc.uniqueArray(method, { minLength: 2, maxLength: 2 }));
      await fc.assert(
        fc.asyncProperty(arb, async ([s, [m1, m2]]) => {
          expect(await sign({ ...s, method: m1! })).not.toBe(await sign({ ...s, method: m2! }));
        }),
        params,
      );
    });

    if (signer.usesBody === 'form') {
      it('refuses any path other than "/" (the V2 signature only covers "/")', async () => {
        await fc.assert(
          fc.asyncProperty(baseSpec, async (s) => {
            const request = { ...toRequest(s, 'form'), url: `https://api.example.com${s.path}` };
            await expect(
              signAlibabaRpcV2Request(request, { accessKeyId: 'AK', accessKeySecret: fixedSecret }, nodeCrypto, {
                action: 'A',
                version: 'V',
              }),
            ).rejects.toThrow(/url path must be "\/"/);
          }),
          params,
        );
      });
    } else {
      it('changes when the path changes', async () => {
        const arb = fc.tuple(baseSpec, path, path).filter(([, p1, p2]) => p1 !== p2);
        await fc.assert(
          fc.asyncProperty(arb, async ([s, p1, p2]) => {
            expect(await sign({ ...s, path: p1 })).not.toBe(await sign({ ...s, path: p2 }));
          }),
          params,
        );
      });
    }

    it('changes when a query parameter value changes', async () => {
      const arb = baseSpec.filter((s) => s.query.length > 0).chain((s) => fc.tuple(fc.constant(s), changeOneValue(s.query, paramValue)));
      await fc.assert(
        fc.asyncProperty(arb, async ([s, query]) => {
          expect(await sign({ ...s, query })).not.toBe(await sign(s));
        }),
        params,
      );
    });

    if (signer.usesBody === 'form') {
      it('does not sign headers (changing a header value keeps the signature)', async () => {
        const arb = baseSpec.filter((s) => s.headers.length > 0).chain((s) => fc.tuple(fc.constant(s), changeOneValue(s.headers, headerValue)));
        await fc.assert(
          fc.asyncProperty(arb, async ([s, headers]) => {
            expect(await sign({ ...s, headers })).toBe(await sign(s));
          }),
          params,
        );
      });

      it('changes when a form body parameter value changes', async () => {
        const arb = baseSpec.filter((s) => s.form.length > 0).chain((s) => fc.tuple(fc.constant(s), changeOneValue(s.form, paramValue)));
        await fc.assert(
          fc.asyncProperty(arb, async ([s, form]) => {
            expect(await sign({ ...s, form })).not.toBe(await sign(s));
          }),
          params,
        );
      });
    } else {
      it('changes when a signed header value changes', async () => {
        const arb = baseSpec.filter((s) => s.headers.length > 0).chain((s) => fc.tuple(fc.constant(s), changeOneValue(s.headers, headerValue)));
        await fc.assert(
          fc.asyncProperty(arb, async ([s, headers]) => {
            expect(await sign({ ...s, headers })).not.toBe(await sign(s));
          }),
          params,
        );
      });

      it('changes when the body changes', async () => {
        const arb = fc.tuple(baseSpec, body, body).filter(([, b1, b2]) => b1 !== b2);
        await fc.assert(
          fc.asyncProperty(arb, async ([s, b1, b2]) => {
            expect(await sign({ ...s, body: b1 })).not.toBe(await sign({ ...s, body: b2 }));
          }),
          params,
        );
      });
    }

    it('changes when the date changes (by at least a second)', async () => {
      const arb = fc.tuple(baseSpec, date, date).filter(([, d1, d2]) => d1.getTime() !== d2.getTime());
      await fc.assert(
        fc.asyncProperty(arb, async ([s, d1, d2]) => {
          expect(await sign(s, fixedSecret, d1)).not.toBe(await sign(s, fixedSecret, d2));
        }),
        params,
      );
    });

    it('changes when the secret changes', async () => {
      const arb = fc.tuple(baseSpec, secret, secret).filter(([, s1, s2]) => s1 !== s2);
      await fc.assert(
        fc.asyncProperty(arb, async ([s, s1, s2]) => {
          expect(await sign(s, s1)).not.toBe(await sign(s, s2));
        }),
        params,
      );
    });

    it('gives identical results on the node and web backends', async () => {
      await fc.assert(
        fc.asyncProperty(baseSpec, secret, date, async (s, sec, d) => {
          expect(await signer.sign(s, sec, d, webCrypto)).toEqual(await signer.sign(s, sec, d, nodeCrypto));
        }),
        params,
      );
    });
  });
}
