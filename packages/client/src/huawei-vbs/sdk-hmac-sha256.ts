// Huawei Cloud "SDK-HMAC-SHA256" (APIG AK/SK) request signing, as done by
// @huaweicloud/huaweicloud-sdk-core AKSKSigner.sign. See signing-vectors.json quirks.huawei.
import type { SigningCrypto } from '../crypto/types.js';
import { isoSeconds } from '../signing/clock.js';
import { canonicalQuery, encodePathSegments, formPairs } from '../signing/encoding.js';
import {
  bodySha256,
  type HmacSha256Signature,
  hmacSha256Signature,
  parseRequest,
  readAccessKeyPair,
  readOptions,
  run,
  type SignerInput,
  type SigningRequest,
  type Steps,
} from '../signing/request.js';

export const HUAWEI_SIGNING_ALGORITHM = 'SDK-HMAC-SHA256';

export interface HuaweiCredentials {
  /** AK */
  accessKeyId: string;
  /** SK; used directly as the HMAC key. Never returned or put in an error message. */
  secretAccessKey: string;
}

export interface HuaweiSignOptions {
  /** Signing time when the request has no X-Sdk-Date header (default: now). */
  date?: Date;
}

export interface HuaweiSignature extends HmacSha256Signature {
  /**
   * Headers to set on the request (replacing same-named ones): `X-Sdk-Date` (only when the
   * request had none) and `Authorization`. `host` is signed but never returned.
   */
  headers: Record<string, string>;
  /** `a;b;c`: every header present at signing time plus host and x-sdk-date. */
  signedHeaders: string;
}

/**
 * The signature steps, for already checked input, credentials and options (the auth
 * middleware's path: the client never lets a request carry X-Sdk-Date).
 * @internal
 */
export function* huaweiSteps(
  request: SignerInput,
  accessKeyId: string,
  secret: string,
  crypto: SigningCrypto,
  options: HuaweiSignOptions = {},
): Steps<HuaweiSignature> {
  const entries: [string, string][] = [];
  for (const [name, list] of request.headers) {
    if (name !== 'authorization') entries.push([name, list.join(', ')]);
  }
  const headers: Record<string, string> = {};
  // Stryker disable next-line StringLiteral: one X-Sdk-Date comes here (signHuaweiRequest refuses two; fetch and Node join repeats)
  let sdkDate = request.headers.get('x-sdk-date')?.join(', ');
  if (!sdkDate) entries.push(['x-sdk-date', (headers['X-Sdk-Date'] = sdkDate = isoSeconds(options.date, true))]);
  if (!request.headers.has('host')) entries.push(['host', request.host]);

  const payloadHash = request.headers.get('x-sdk-content-sha256')?.join(', ') ?? (yield bodySha256(crypto, request.body));
  // note: each segment is encoded as it arrives, without decoding, as AKSKSigner does (and so the
  // gateway, which accepts its signatures): `%20` in the path signs as `%2520` (vendor-vectors.json)
  const path = encodePathSegments(request.path);
  // the canonical URI always ends in "/"
  const parts = {
    method: request.method,
    path: path.endsWith('/') ? path : `${path}/`,
    query: canonicalQuery(formPairs(request.query)),
    headers: entries,
    payloadHash,
    scope: [sdkDate],
  };
  return yield* hmacSha256Signature(
    crypto,
    secret,
    HUAWEI_SIGNING_ALGORITHM,
    parts,
    headers,
    (signedHeaders, signature) => `Access=${accessKeyId}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
  );
}

/**
 * Signs a request for Huawei Cloud APIs (SDK-HMAC-SHA256).
 *
 * - Every header present at signing time is signed, names lower-cased, values as given (not
 *   trimmed; a repeated name is joined with ", " as fetch would send it), plus `host` (the
 *   `host` header if given, else the URL's host) and `x-sdk-date`. The only exception is an
 *   `authorization` header, which is replaced rather than signed.
 * - `X-Sdk-Date` is taken from the request when present (format YYYYMMDDTHHmmssZ), otherwise
 *   derived from `options.date` / now and returned in `headers`.
 * - Payload hash: the `X-Sdk-Content-Sha256` header when present (e.g. `UNSIGNED-PAYLOAD`),
 *   else SHA-256 of the body string ("" when there is none).
 * - Query: parameters from the URL, sorted by name then value (code units), RFC 3986-encoded.
 * - Canonical URI: path segments RFC 3986-encoded, a trailing "/" appended when missing.
 */
export async function signHuaweiRequest(
  request: SigningRequest,
  credentials: HuaweiCredentials,
  crypto: SigningCrypto,
  options?: HuaweiSignOptions,
): Promise<HuaweiSignature> {
  const [accessKeyId, secret] = readAccessKeyPair(credentials, 'accessKeyId', 'secretAccessKey');
  const input = parseRequest(request);
  const checked = readOptions(options);
  // Stryker disable next-line StringLiteral: two dates fail the form check however they are joined
  const sdkDate = input.headers.get('x-sdk-date')?.join(', ');
  if (sdkDate !== undefined && !/^\d{8}T\d{6}Z$/.test(sdkDate)) throw new TypeError('the X-Sdk-Date header must have the form YYYYMMDDTHHmmssZ');
  return run(huaweiSteps(input, accessKeyId, secret, crypto, checked));
}
