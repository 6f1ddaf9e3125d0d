// Huawei Cloud "SDK-HMAC-SHA256" (APIG AK/SK) request signing, as done by
// @huaweicloud/huaweicloud-sdk-core AKSKSigner.sign. See signing-vectors.json quirks.huawei.
import { ClientInputError } from '../core/errors.js';
import type { SigningCrypto } from '../crypto/types.js';
import { isoSeconds } from '../signing/clock.js';
import { optionalToken, readAccessKeyPair } from '../signing/credentials.js';
import { canonicalQuery, encodePathSegments, formPairs } from '../signing/encoding.js';
import { type HmacSha256Signature, hmacSha256Signature } from '../signing/hmac-sha256.js';
import { parseRequest, readOptions, type SignerInput, type SigningRequest } from '../signing/request.js';

export const HUAWEI_SIGNING_ALGORITHM = 'SDK-HMAC-SHA256';

export interface HuaweiCredentials {
  /** AK */
  accessKeyId: string;
  /** SK; used directly as the HMAC key. Never returned or put in an error message. */
  secretAccessKey: string;
  /** the security token of temporary credentials: sent as `X-Security-Token` and signed, as the Huawei SDK core does */
  securityToken?: string;
}

export interface HuaweiSignOptions {
  /** Signing time when the request has no X-Sdk-Date header (default: now). */
  date?: Date;
}

export interface HuaweiSignature extends HmacSha256Signature {
  /**
   * Headers to set on the request (replacing same-named ones): `X-Sdk-Date` (only when the
   * request had none), `X-Security-Token` (with a security token) and `Authorization`. `host` is
   * signed but never returned.
   */
  headers: Record<string, string>;
  /** `a;b;c`: every header present at signing time plus host and x-sdk-date. */
  signedHeaders: string;
}

/**
 * The signature of already checked input, credentials and options (the auth middleware's and
 * the verifier's path).
 * @internal
 */
export async function signHuaweiInput(
  request: SignerInput,
  accessKeyId: string,
  secret: string,
  crypto: SigningCrypto,
  options: HuaweiSignOptions = {},
  securityToken?: string,
): Promise<HuaweiSignature> {
  const value = (name: string) => request.headers.get(name)?.join(', ');
  const entries: [string, string][] = [];
  for (const [name, list] of request.headers)
    if (name !== 'authorization' && !(securityToken && name === 'x-security-token')) entries.push([name, list.join(', ')]);
  const headers: Record<string, string> = {};
  // the SDK core adds the token as a header before signing, so it is signed like any other
  if (securityToken) entries.push(['x-security-token', (headers['X-Security-Token'] = securityToken)]);
  let sdkDate = value('x-sdk-date');
  if (!sdkDate) entries.push(['x-sdk-date', (headers['X-Sdk-Date'] = sdkDate = isoSeconds(options.date, true))]);
  if (!request.headers.has('host')) entries.push(['host', request.host]);
  // note: each segment is encoded as it arrives, without decoding, as AKSKSigner does (and so the
  // gateway, which accepts its signatures): `%20` in the path signs as `%2520` (vendor-vectors.json)
  const path = encodePathSegments(request.path);
  const parts = {
    method: request.method,
    // the canonical URI always ends in "/"
    path: path.endsWith('/') ? path : `${path}/`,
    query: canonicalQuery(formPairs(request.query)),
    headers: entries,
    payloadHash: value('x-sdk-content-sha256') ?? (await crypto.sha256Hex(request.body)),
    scope: [sdkDate],
  };
  const authorize = (signedHeaders: string, signature: string) => `Access=${accessKeyId}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return hmacSha256Signature(crypto, secret, HUAWEI_SIGNING_ALGORITHM, parts, headers, authorize);
}

/**
 * Signs a request for Huawei Cloud APIs (SDK-HMAC-SHA256).
 *
 * - Every header present at signing time is signed, names lower-cased, values as given (not
 *   trimmed; a repeated name is joined with ", " as fetch would send it), plus `host` (the
 *   `host` header if given, else the URL's host) and `x-sdk-date`. The only exception is an
 *   `authorization` header, which is replaced rather than signed.
 * - With `credentials.securityToken`, `X-Security-Token` is set to it (returned in `headers`) and signed.
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
  const securityToken = optionalToken(credentials.securityToken, 'securityToken');
  const input = parseRequest(request);
  const checked = readOptions(options);
  const sdkDate = input.headers.get('x-sdk-date')?.join(', ');
  if (sdkDate !== undefined && !/^\d{8}T\d{6}Z$/.test(sdkDate)) throw new ClientInputError('X-Sdk-Date', 'header must have the form YYYYMMDDTHHmmssZ');
  return signHuaweiInput(input, accessKeyId, secret, crypto, checked, securityToken);
}
