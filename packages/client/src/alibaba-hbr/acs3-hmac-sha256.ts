// Alibaba Cloud V3 signature "ACS3-HMAC-SHA256", as done by @alicloud/openapi-client doRequest +
// @alicloud/openapi-util getAuthorization. See signing-vectors.json quirks.alibaba_v3.
import type { SigningCrypto } from '../crypto/types.js';
import { isoSeconds, resolveNonce } from '../signing/clock.js';
import { canonicalPath, canonicalQuery, formPairs } from '../signing/encoding.js';
import { type HmacSha256Signature, hmacSha256Signature } from '../signing/hmac-sha256.js';
import { optionOrExisting, parseRequest, readOptions, type SignerInput, type SigningRequest } from '../signing/request.js';
import { type AlibabaCredentials, type AlibabaKeys, readAlibabaCredentials } from './signing-keys.js';

export const ACS3_SIGNING_ALGORITHM = 'ACS3-HMAC-SHA256';

export interface Acs3SignOptions {
  /** API name. Added as `x-acs-action`; alternatively put that header on the request. */
  action?: string;
  /** API version, e.g. "2017-09-08". Added as `x-acs-version`; or put that header on the request. */
  version?: string;
  /** Signing time (default: now). */
  date?: Date;
  /** x-acs-signature-nonce (default: a random UUID as 32 hex digits). Must be unique per request. */
  nonce?: string;
}

export interface Acs3Signature extends HmacSha256Signature {
  /**
   * Headers to set on the request, replacing same-named ones (use `Headers#set`):
   * `x-acs-version`/`x-acs-action` (only when given as options), `x-acs-date`,
   * `x-acs-signature-nonce`, `x-acs-content-sha256`, with STS `x-acs-accesskey-id` and
   * `x-acs-security-token`, and `Authorization`. `host` is signed but never returned.
   */
  headers: Record<string, string>;
  /** `a;b;c`: host, content-type (when present) and every x-acs-* header. */
  signedHeaders: string;
  /** Hex SHA-256 of the body, also sent as x-acs-content-sha256. */
  payloadHash: string;
}

/**
 * The signature of already checked input, credentials and options (the auth middleware's path).
 * @internal
 */
export async function signAcs3Input(
  request: SignerInput,
  [accessKeyId, secret, securityToken]: AlibabaKeys,
  crypto: SigningCrypto,
  options: Acs3SignOptions = {},
): Promise<Acs3Signature> {
  const values = new Map<string, string>();
  for (const [name, list] of request.headers) {
    if (name === 'host' || name === 'content-type' || name.startsWith('x-acs-')) values.set(name, acs3HeaderValue(list));
  }
  const headers: Record<string, string> = {};
  const add = (name: string, value: string): void => {
    values.set(name, (headers[name] = value));
  };
  const [action, addAction] = optionOrExisting('action', options.action, values.get('x-acs-action'), 'x-acs-action header');
  const [version, addVersion] = optionOrExisting('version', options.version, values.get('x-acs-version'), 'x-acs-version header');
  // same header order as the SDK
  if (addVersion) add('x-acs-version', version);
  if (addAction) add('x-acs-action', action);
  add('x-acs-date', isoSeconds(options.date));
  add('x-acs-signature-nonce', resolveNonce(options.nonce));
  const payloadHash = await crypto.sha256Hex(request.body);
  add('x-acs-content-sha256', payloadHash);
  if (securityToken !== undefined) {
    add('x-acs-accesskey-id', accessKeyId);
    add('x-acs-security-token', securityToken);
  }
  if (!values.has('host')) values.set('host', request.host);
  return acs3Signature(request, values, payloadHash, accessKeyId, secret, crypto, headers);
}

/** A header's value as ACS3 signs it: each value trimmed, a repeated header joined with ",". */
export const acs3HeaderValue = (list: readonly string[]): string => list.map((value) => value.trim()).join(',');

/**
 * The canonical request over the headers in `values` (lower-case names, {@link acs3HeaderValue}
 * form), the string to sign and the signature; the Authorization is added to `headers`. The
 * signer and the verifier both sign through here.
 * @internal
 */
export function acs3Signature(
  request: SignerInput,
  values: Map<string, string>,
  payloadHash: string,
  accessKeyId: string,
  secret: string,
  crypto: SigningCrypto,
  headers: Record<string, string>,
): Promise<Acs3Signature> {
  const parts = {
    method: request.method,
    path: canonicalPath(request.path),
    query: canonicalQuery(formPairs(request.query)),
    headers: [...values],
    payloadHash,
    scope: [],
  };
  const authorize = (signedHeaders: string, signature: string) => `Credential=${accessKeyId},SignedHeaders=${signedHeaders},Signature=${signature}`;
  return hmacSha256Signature(crypto, secret, ACS3_SIGNING_ALGORITHM, parts, headers, authorize);
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
  const keys = readAlibabaCredentials(credentials);
  const input = parseRequest(request);
  return signAcs3Input(input, keys, crypto, readOptions(options, ['action', 'version', 'nonce']));
}
