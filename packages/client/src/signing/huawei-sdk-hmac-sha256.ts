// Huawei Cloud "SDK-HMAC-SHA256" (APIG AK/SK) request signing, as done by
// @huaweicloud/huaweicloud-sdk-core AKSKSigner.sign. See signing-vectors.json quirks.huawei.
import type { SigningCrypto } from '../crypto/types.js';
import { basicIsoSeconds, resolveDate } from './clock.js';
import { canonicalPath, canonicalQueryString, formPairs } from './encoding.js';
import {
  canonicalHeaderLines,
  normalizeRequest,
  readAccessKeyPair,
  readOptions,
  sortedHeaderNames,
  type SigningRequest,
} from './request.js';

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

export interface HuaweiSignature {
  /**
   * Headers to set on the request (replacing same-named ones): `X-Sdk-Date` (only when the
   * request had none) and `Authorization`. `host` is signed but never returned.
   */
  headers: Record<string, string>;
  authorization: string;
  /** `a;b;c`: every header present at signing time plus host and x-sdk-date. */
  signedHeaders: string;
  payloadHash: string;
  canonicalRequest: string;
  stringToSign: string;
  /** Lower-case hex HMAC-SHA256. */
  signature: string;
}

const SDK_DATE = /^\d{8}T\d{6}Z$/;

/** Canonical URI: segments RFC 3986-encoded and a trailing "/" appended when missing. */
function huaweiCanonicalUri(pathname: string): string {
  const path = canonicalPath(pathname);
  return path.endsWith('/') ? path : `${path}/`;
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
 */
export async function signHuaweiRequest(
  request: SigningRequest,
  credentials: HuaweiCredentials,
  crypto: SigningCrypto,
  options?: HuaweiSignOptions,
): Promise<HuaweiSignature> {
  const { accessKeyId, secret } = readAccessKeyPair(credentials, 'accessKeyId', 'secretAccessKey');
  const req = normalizeRequest(request);
  const opts = readOptions(options);
  const date = resolveDate(opts.date);

  const signedValues = new Map<string, string>();
  for (const [name, values] of req.headers) {
    if (name !== 'authorization') signedValues.set(name, values.join(', '));
  }
  const headers: Record<string, string> = {};
  let sdkDate = signedValues.get('x-sdk-date');
  if (sdkDate === undefined) {
    sdkDate = basicIsoSeconds(date);
    signedValues.set('x-sdk-date', sdkDate);
    headers['X-Sdk-Date'] = sdkDate;
  } else if (!SDK_DATE.test(sdkDate)) {
    throw new TypeError('the X-Sdk-Date header must have the form YYYYMMDDTHHmmssZ');
  }
  if (!signedValues.has('host')) signedValues.set('host', req.url.host);

  const { names, signedHeaders } = sortedHeaderNames(signedValues);
  const payloadHash = signedValues.get('x-sdk-content-sha256') ?? (await crypto.sha256Hex(req.body));
  const canonicalRequest = [
    req.method,
    huaweiCanonicalUri(req.url.pathname),
    canonicalQueryString(formPairs(req.url.searchParams)),
    canonicalHeaderLines(names, signedValues),
    signedHeaders,
    payloadHash,
  ].join('\n');
  const stringToSign = `${HUAWEI_SIGNING_ALGORITHM}\n${sdkDate}\n${await crypto.sha256Hex(canonicalRequest)}`;
  const signature = await crypto.hmacSha256Hex(secret, stringToSign);
  const authorization = `${HUAWEI_SIGNING_ALGORITHM} Access=${accessKeyId}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  headers.Authorization = authorization;

  return { headers, authorization, signedHeaders, payloadHash, canonicalRequest, stringToSign, signature };
}
