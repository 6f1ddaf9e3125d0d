// Alibaba Cloud RPC signature V2 (HMAC-SHA1 over the sorted parameters), as done by
// @alicloud/openapi-client doRPCRequest + @alicloud/openapi-util getRPCSignature.
// See signing-vectors.json quirks.alibaba_rpc_v2.
import { ClientInputError } from '../core/errors.js';
import type { SigningCrypto } from '../crypto/types.js';
import { isoSeconds, resolveNonce } from '../signing/clock.js';
import { canonicalQuery, formPairs, type ParamPair, percentEncode } from '../signing/encoding.js';
import { optionOrExisting, parseRequest, readOptions, type SignerInput, type SigningRequest } from '../signing/request.js';
import { type AlibabaCredentials, type AlibabaKeys, readAlibabaCredentials } from './signing-keys.js';

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
  /** `SignatureNonce` (default: a random UUID as 32 hex digits). Must be unique per request. */
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

const signerOwned = /^(Signature(Method|Version|Nonce)?|Timestamp|AccessKeyId|SecurityToken)$/;

/**
 * The signature of already checked input, credentials and options (the auth middleware's path:
 * the client only sends requests to "/", without a body).
 * @internal
 */
export async function signRpcV2Input(
  request: SignerInput,
  [accessKeyId, secret, securityToken]: AlibabaKeys,
  crypto: SigningCrypto,
  options: RpcV2SignOptions = {},
): Promise<RpcV2Signature> {
  const requestPairs = [...formPairs(request.query), ...formPairs(request.body)];
  for (const [name] of requestPairs) {
    if (signerOwned.test(name)) throw new ClientInputError('request', `must not carry a ${name} parameter; the signer sets it`);
  }
  const existing = (name: string): string | undefined => requestPairs.find(([key]) => key === name)?.[1];
  const [action, addAction] = optionOrExisting('action', options.action, existing('Action'), 'Action parameter');
  const [format, addFormat] = optionOrExisting('format', options.format, existing('Format'), 'Format parameter', 'json');
  const [version, addVersion] = optionOrExisting('version', options.version, existing('Version'), 'Version parameter');

  const query: Record<string, string> = {};
  if (addAction) query.Action = action;
  if (addFormat) query.Format = format;
  if (addVersion) query.Version = version;
  query.Timestamp = isoSeconds(options.date);
  query.SignatureNonce = resolveNonce(options.nonce);
  query.SignatureMethod = RPC_V2_SIGNATURE_METHOD;
  query.SignatureVersion = RPC_V2_SIGNATURE_VERSION;
  query.AccessKeyId = accessKeyId;
  if (securityToken !== undefined) query.SecurityToken = securityToken;

  const signedPairs = [...requestPairs, ...Object.entries(query)];
  // (sorts signedPairs)
  const { canonicalRequest, stringToSign } = rpcV2StringToSign(request.method, signedPairs);
  const signature = (query.Signature = await crypto.hmacSha1Base64(`${secret}&`, stringToSign));
  // the path is not signed (the string to sign always says "/"), so a proxy's prefix is kept as is
  let url = `${request.origin}${request.path}?${request.query}`;
  let separator = request.query ? '&' : '';
  for (const name in query) {
    url += `${separator}${name}=${percentEncode(query[name]!)}`;
    separator = '&';
  }
  const signedParameters: string[] = [];
  for (const [name] of signedPairs) if (signedParameters.at(-1) !== name) signedParameters.push(name);
  return { query, url, signedParameters, canonicalRequest, stringToSign, signature };
}

/**
 * The canonical request over `pairs` (sorted here, in place) and the string to sign: the method,
 * "/" and the canonical request, each percent-encoded and joined by "&". The signer and the
 * verifier both sign through here.
 * @internal
 */
export function rpcV2StringToSign(method: string, pairs: ParamPair[]): { canonicalRequest: string; stringToSign: string } {
  const canonicalRequest = canonicalQuery(pairs);
  // (the canonical request holds only unreserved characters, "%", "=" and "&", which
  // encodeURIComponent encodes exactly as percentEncode does)
  return { canonicalRequest, stringToSign: `${method}&%2F&${encodeURIComponent(canonicalRequest)}` };
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
  const keys = readAlibabaCredentials(credentials);
  const input = parseRequest(request);
  const checked = readOptions(options, ['action', 'version', 'format', 'nonce']);
  // the V2 string to sign covers the path only as "/", so any other path would go unsigned
  if (input.path !== '/') throw new ClientInputError('url path', 'must be "/" for RPC V2 signing (the signature does not cover the path)');
  // only form parameters can be signed
  const contentType = input.headers.get('content-type')?.[0]?.split(';')[0]?.trim().toLowerCase();
  if (input.body && contentType !== 'application/x-www-form-urlencoded') {
    throw new ClientInputError('body', 'must be application/x-www-form-urlencoded (with that content-type header) for RPC V2 signing');
  }
  return signRpcV2Input(input, keys, crypto, checked);
}
