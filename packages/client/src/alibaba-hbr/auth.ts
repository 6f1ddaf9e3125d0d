import type { Middleware } from 'openapi-fetch';
import { signingCrypto } from '#crypto';
import { ClientInputError } from '../core/errors.js';
import { requireObject } from '../core/options.js';
import { optionalToken, requireCredential, requireVisibleAscii } from '../signing/credentials.js';
import { fromFetch } from '../signing/request.js';
import { signAcs3Input } from './acs3-hmac-sha256.js';
import { signRpcV2Input } from './rpc-v2-hmac-sha1.js';
import type { AlibabaKeys } from './signing-keys.js';

interface AlibabaKeyPair {
  accessKeyId: string;
  accessKeySecret: string;
  /** STS token for temporary credentials */
  securityToken?: string;
}

/** Signature V3 (ACS3-HMAC-SHA256), what current SDKs send; Action/Version travel as x-acs-* headers. */
export interface AlibabaAcs3Auth extends AlibabaKeyPair {
  type: 'acs3';
}

/** Signature V2 (HMAC-SHA1 over the query), still used by older tools; Action/Version travel in the query. */
export interface AlibabaRpcV2Auth extends AlibabaKeyPair {
  type: 'rpc-v2';
}

export type AlibabaAuth = AlibabaAcs3Auth | AlibabaRpcV2Auth;

export type AlibabaSignatureVersion = AlibabaAuth['type'];

/** Validates the auth option and returns its signature version and the signing middleware. */
export function alibabaAuthMiddleware(auth: unknown): { version: AlibabaSignatureVersion; middleware: Middleware } {
  const { type, accessKeyId, accessKeySecret, securityToken } = requireObject(auth, 'auth');
  if (type !== 'acs3' && type !== 'rpc-v2') throw new ClientInputError('auth.type', 'must be "acs3" or "rpc-v2"');
  // checked once here; each request is then signed as it is
  const keys: AlibabaKeys = [
    requireVisibleAscii(accessKeyId, 'auth.accessKeyId'),
    requireCredential(accessKeySecret, 'auth.accessKeySecret'),
    optionalToken(securityToken, 'auth.securityToken'),
  ];
  async function onRequest({ request }: { request: Request }): Promise<Request> {
    const input = await fromFetch(request);
    if (type === 'acs3') {
      const { headers } = await signAcs3Input(input, keys, signingCrypto);
      for (const name in headers) request.headers.set(name, headers[name]!);
      return request;
    }
    const { url } = await signRpcV2Input(input, keys, signingCrypto);
    // note: the signer's URL keeps its RFC 3986 encoding; URLSearchParams would re-encode
    const { method, headers, signal } = request;
    return new Request(url, { method, headers, body: input.body || undefined, signal });
  }
  return { version: type, middleware: { onRequest } };
}
