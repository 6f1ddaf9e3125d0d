// Alibaba Cloud RPC signature V2 (HMAC-SHA1 over the sorted parameters), as done by
// @alicloud/openapi-client doRPCRequest + @alicloud/openapi-util getRPCSignature.
// See signing-vectors.json quirks.alibaba_rpc_v2.
import type { SigningCrypto } from '../crypto/types.js';
import { readAlibabaCredentials, type AlibabaCredentials } from './alibaba-shared.js';
import { isoSeconds, resolveDate, resolveNonce } from './clock.js';
import { canonicalQueryString, formPairs, percentEncode, sortParams, type ParamPair } from './encoding.js';
import { normalizeRequest, optionOrExisting, readOptions, type NormalizedRequest, type SigningRequest } from './request.js';

export const RPC_V2_SIGNATURE_METHOD = 'HMAC-SHA1';
export const RPC_V2_SIGNATURE_VERSION = '1.0';

export interface RpcV2SignOptions {
  /** API name (`Action`); alternatively put `Action` in the URL query. */
  action?: string;
  /** API version (`Version`); alternatively put `Version` in the URL query. */
  version?: string;
  /** Response format (`Format`), default "json" (or the `Format` already in the URL). */
  format?: string;
  /** Signing time, sent as `Timestamp` (default: now). */
  date?: Date;
  /** `SignatureNonce` (default: 128 random bits as hex). Must be unique per request. */
  nonce?: string;
}

export interface RpcV2Signature {
  /**
   * Query parameters to append, in the SDK's order: Action/Format/Version (unless already in
   * the URL), Timestamp, SignatureNonce, SignatureMethod, SignatureVersion, AccessKeyId,
   * SecurityToken (STS only) and Signature. No headers are needed.
   */
  query: Record<string, string>;
  /** The request URL with `query` appended (RFC 3986-encoded), without any fragment. */
  url: string;
  /** Sorted names of every signed parameter (URL query, form body and the ones above). */
  signedParameters: string[];
  /** The canonicalized query string (sorted, RFC 3986-encoded `name=value&...`). */
  canonicalRequest: string;
  /** `METHOD&%2F&percentEncode(canonicalRequest)`. */
  stringToSign: string;
  /** Base64 HMAC-SHA1 keyed with `accessKeySecret + "&"`; also `query.Signature`. */
  signature: string;
}

/** Parameters only the signer may set. */
const SIGNER_OWNED = ['Signature', 'SignatureMethod', 'SignatureVersion', 'SignatureNonce', 'Timestamp', 'AccessKeyId', 'SecurityToken'];
const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';

/** Parameters of an application/x-www-form-urlencoded body; any other non-empty body is refused. */
function formBodyPairs(req: NormalizedRequest): ParamPair[] {
  if (req.body === '') return [];
  const contentType = req.headers.get('content-type')?.[0] ?? '';
  if (contentType.split(';')[0]!.trim().toLowerCase() !== FORM_CONTENT_TYPE) {
    throw new TypeError(`body must be ${FORM_CONTENT_TYPE} (with that content-type header) for RPC V2 signing, which signs form parameters only`);
  }
  return formPairs(req.body);
}

/**
 * Signs an RPC-style request with Alibaba Cloud signature V2 (HMAC-SHA1).
 *
 * Signed: every URL query parameter and, for an application/x-www-form-urlencoded body, every
 * form parameter, plus Action, Format, Version, Timestamp, SignatureNonce, SignatureMethod,
 * SignatureVersion, AccessKeyId and (STS) SecurityToken. Headers are not signed. The string to
 * sign always uses the path "/" (as the SDK does), so the URL's path must be "/".
 */
export async function signAlibabaRpcV2Request(
  request: SigningRequest,
  credentials: AlibabaCredentials,
  crypto: SigningCrypto,
  options?: RpcV2SignOptions,
): Promise<RpcV2Signature> {
  const { accessKeyId, secret, securityToken } = readAlibabaCredentials(credentials);
  const req = normalizeRequest(request);
  const opts = readOptions(options);
  const date = resolveDate(opts.date);
  const nonce = resolveNonce(opts.nonce);

  if (req.url.pathname !== '/') {
    // the V2 string to sign covers the path only as "/", so any other path would go unsigned
    throw new TypeError('url path must be "/" for RPC V2 signing (the signature does not cover the path)');
  }
  const requestPairs = [...formPairs(req.url.searchParams), ...formBodyPairs(req)];
  const existing = (name: string): string | undefined => requestPairs.find(([key]) => key === name)?.[1];
  for (const name of SIGNER_OWNED) {
    if (existing(name) !== undefined) throw new TypeError(`the request must not carry a ${name} parameter; the signer sets it`);
  }
  const action = optionOrExisting('action', opts.action, existing('Action'), 'Action parameter');
  const format = optionOrExisting('format', opts.format, existing('Format'), 'Format parameter', 'json');
  const version = optionOrExisting('version', opts.version, existing('Version'), 'Version parameter');

  const query: Record<string, string> = {};
  if (action.add) query.Action = action.value;
  if (format.add) query.Format = format.value;
  if (version.add) query.Version = version.value;
  query.Timestamp = isoSeconds(date);
  query.SignatureNonce = nonce;
  query.SignatureMethod = RPC_V2_SIGNATURE_METHOD;
  query.SignatureVersion = RPC_V2_SIGNATURE_VERSION;
  query.AccessKeyId = accessKeyId;
  if (securityToken !== undefined) query.SecurityToken = securityToken;

  const signedPairs = [...requestPairs, ...Object.entries(query)];
  const canonicalRequest = canonicalQueryString(signedPairs);
  const stringToSign = `${req.method}&${percentEncode('/')}&${percentEncode(canonicalRequest)}`;
  const signature = await crypto.hmacSha1Base64(`${secret}&`, stringToSign);
  query.Signature = signature;

  const appended = Object.entries(query)
    .map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`)
    .join('&');
  const base = `${req.url.origin}${req.url.pathname}${req.url.search}`;
  const url = `${base}${req.url.search === '' ? '?' : '&'}${appended}`;
  const signedParameters = [...new Set(sortParams(signedPairs).map(([name]) => name))];

  return { query, url, signedParameters, canonicalRequest, stringToSign, signature };
}
