// The part the two HMAC-SHA256 schemes (Huawei SDK-HMAC-SHA256, Alibaba ACS3) share: canonical
// request -> string to sign -> signature -> Authorization.
import type { SigningCrypto } from '../crypto/types.js';
import { byNameThenValue } from './encoding.js';

/** What an HMAC-SHA256 scheme signs, each part already in its canonical form except the headers. */
export interface CanonicalParts {
  method: string;
  path: string;
  query: string;
  /** the headers to sign, lower-case names; sorted here */
  headers: [name: string, value: string][];
  payloadHash: string;
  /** the lines the scheme puts between the algorithm and the request's hash in the string to sign */
  scope: string[];
}

/** What an HMAC-SHA256 signer returns: the headers it adds, and each intermediate for debugging. */
export interface HmacSha256Signature {
  headers: Record<string, string>;
  authorization: string;
  signedHeaders: string;
  payloadHash: string;
  canonicalRequest: string;
  stringToSign: string;
  /** Lower-case hex HMAC-SHA256. */
  signature: string;
}

/**
 * Signs `parts` with `secret` and adds the Authorization to `headers`; each scheme picks the
 * headers before and words the Authorization value through `authorize`.
 */
export async function hmacSha256Signature(
  crypto: SigningCrypto,
  secret: string,
  algorithm: string,
  parts: CanonicalParts,
  headers: Record<string, string>,
  authorize: (signedHeaders: string, signature: string) => string,
): Promise<HmacSha256Signature> {
  const sorted = parts.headers.sort(byNameThenValue);
  const signedHeaders = sorted.map(([name]) => name).join(';');
  const headerLines = sorted.map(([name, value]) => `${name}:${value}\n`).join('');
  const canonicalRequest = `${parts.method}\n${parts.path}\n${parts.query}\n${headerLines}\n${signedHeaders}\n${parts.payloadHash}`;
  const stringToSign = [algorithm, ...parts.scope, await crypto.sha256Hex(canonicalRequest)].join('\n');
  const signature = await crypto.hmacSha256Hex(secret, stringToSign);
  const authorization = (headers.Authorization = `${algorithm} ${authorize(signedHeaders, signature)}`);
  return { headers, authorization, signedHeaders, payloadHash: parts.payloadHash, canonicalRequest, stringToSign, signature };
}
