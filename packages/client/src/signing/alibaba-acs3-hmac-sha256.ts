// Alibaba Cloud V3 signature "ACS3-HMAC-SHA256", as done by @alicloud/openapi-client doRequest +
// @alicloud/openapi-util getAuthorization. See signing-vectors.json quirks.alibaba_v3.
import type { SigningCrypto } from '../crypto/types.js';
import { readAlibabaCredentials, type AlibabaCredentials } from './alibaba-shared.js';
import { isoSeconds, resolveDate, resolveNonce } from './clock.js';
import { canonicalPath, canonicalQueryString, formPairs } from './encoding.js';
import {
  canonicalHeaderLines,
  normalizeRequest,
  optionOrExisting,
  readOptions,
  sortedHeaderNames,
  type SigningRequest,
} from './request.js';

export const ACS3_SIGNING_ALGORITHM = 'ACS3-HMAC-SHA256';

export interface Acs3SignOptions {
  /** API name. Added as `x-acs-action`; alternatively put that header on the request. */
  action?: string;
  /** API version, e.g. "2017-09-08". Added as `x-acs-version`; or put that header on the request. */
  version?: string;
  /** Signing time (default: now). */
  date?: Date;
  /** x-acs-signature-nonce (default: 128 random bits as hex). Must be unique per request. */
  nonce?: string;
}

export interface Acs3Signature {
  /**
   * Headers to set on the request, replacing same-named ones (use `Headers#set`):
   * `x-acs-version`/`x-acs-action` (only when given as options), `x-acs-date`,
   * `x-acs-signature-nonce`, `x-acs-content-sha256`, with STS `x-acs-accesskey-id` and
   * `x-acs-security-token`, and `Authorization`. `host` is signed but never returned.
   */
  headers: Record<string, string>;
  authorization: string;
  /** `a;b;c`: host, content-type (when present) and every x-acs-* header. */
  signedHeaders: string;
  /** Hex SHA-256 of the body, also sent as x-acs-content-sha256. */
  payloadHash: string;
  canonicalRequest: string;
  stringToSign: string;
  /** Lower-case hex HMAC-SHA256. */
  signature: string;
}

function isSignedHeader(name: string): boolean {
  return name === 'host' || name === 'content-type' || name.startsWith('x-acs-');
}

/**
 * Signs a request with Alibaba Cloud's V3 signature (ACS3-HMAC-SHA256).
 *
 * - Signed headers: `host` (the header if given, else the URL's host), `content-type` when
 *   present and every `x-acs-*` header present, values trimmed (a repeated name joined with ",").
 * - The signer owns `x-acs-date`, `x-acs-signature-nonce`, `x-acs-content-sha256` and, with an
 *   STS token, `x-acs-accesskey-id` and `x-acs-security-token`: values already on the request
 *   are replaced by its own.
 * - `x-acs-action`/`x-acs-version` come from `options.action`/`options.version` (then returned
 *   in `headers`) or from those headers already on the request; each is required from one of
 *   the two sources, and when both are given they must agree.
 * - Canonical query: the URL's parameters sorted by name then value, names and values
 *   RFC 3986-encoded (the SDK leaves names unencoded; identical for names made of A-Z a-z 0-9 . _ -).
 */
export async function signAlibabaAcs3Request(
  request: SigningRequest,
  credentials: AlibabaCredentials,
  crypto: SigningCrypto,
  options?: Acs3SignOptions,
): Promise<Acs3Signature> {
  const { accessKeyId, secret, securityToken } = readAlibabaCredentials(credentials);
  const req = normalizeRequest(request);
  const opts = readOptions(options);
  const date = resolveDate(opts.date);
  const nonce = resolveNonce(opts.nonce);

  const signedValues = new Map<string, string>();
  for (const [name, values] of req.headers) {
    if (isSignedHeader(name)) signedValues.set(name, values.map((value) => value.trim()).join(','));
  }
  const headers: Record<string, string> = {};
  const add = (name: string, value: string): void => {
    signedValues.set(name, value);
    headers[name] = value;
  };

  const action = optionOrExisting('action', opts.action, signedValues.get('x-acs-action'), 'x-acs-action header');
  const version = optionOrExisting('version', opts.version, signedValues.get('x-acs-version'), 'x-acs-version header');
  // same header order as the SDK
  if (version.add) add('x-acs-version', version.value);
  if (action.add) add('x-acs-action', action.value);
  add('x-acs-date', isoSeconds(date));
  add('x-acs-signature-nonce', nonce);
  const payloadHash = await crypto.sha256Hex(req.body);
  add('x-acs-content-sha256', payloadHash);
  if (securityToken !== undefined) {
    add('x-acs-accesskey-id', accessKeyId);
    add('x-acs-security-token', securityToken);
  }
  if (!signedValues.has('host')) signedValues.set('host', req.url.host);

  const { names, signedHeaders } = sortedHeaderNames(signedValues);
  const canonicalRequest = [
    req.method,
    canonicalPath(req.url.pathname),
    canonicalQueryString(formPairs(req.url.searchParams)),
    canonicalHeaderLines(names, signedValues),
    signedHeaders,
    payloadHash,
  ].join('\n');
  const stringToSign = `${ACS3_SIGNING_ALGORITHM}\n${await crypto.sha256Hex(canonicalRequest)}`;
  const signature = await crypto.hmacSha256Hex(secret, stringToSign);
  const authorization = `${ACS3_SIGNING_ALGORITHM} Credential=${accessKeyId},SignedHeaders=${signedHeaders},Signature=${signature}`;
  headers.Authorization = authorization;

  return { headers, authorization, signedHeaders, payloadHash, canonicalRequest, stringToSign, signature };
}
