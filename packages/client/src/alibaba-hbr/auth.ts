import type { Middleware } from 'openapi-fetch';
import { signingCrypto } from '#crypto';
import { requireString, requireVisibleAscii } from '../core/client-context.js';
import { ClientInputError } from '../core/errors.js';
import type { AlibabaKeys } from './signing-keys.js';
import { acs3Steps } from './acs3-hmac-sha256.js';
import { rpcV2Steps } from './rpc-v2-hmac-sha1.js';
import { fromFetch, run, type Steps } from '../signing/request.js';

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
  if (typeof auth !== 'object' || auth === null) throw new ClientInputError('auth', 'must be an object');
  const { type, accessKeyId, accessKeySecret, securityToken } = auth as AlibabaAuth;
  if (type !== 'acs3' && type !== 'rpc-v2') throw new ClientInputError('auth.type', 'must be "acs3" or "rpc-v2"');
  // checked once here, so signing each request skips the checks
  const keys: AlibabaKeys = [
    requireVisibleAscii(accessKeyId, 'auth.accessKeyId'),
    requireString(accessKeySecret, 'auth.accessKeySecret'),
    securityToken === undefined ? undefined : requireVisibleAscii(securityToken, 'auth.securityToken'),
  ];

  function* sign(request: Request): Steps<Request> {
    const input = yield* fromFetch(request);
    if (type === 'acs3') {
      const { headers } = yield* acs3Steps(input, keys, signingCrypto);
      for (const name in headers) request.headers.set(name, headers[name]!);
      return request;
    }
    const { url } = yield* rpcV2Steps(input, keys, signingCrypto);
    // note: the signer's URL keeps its RFC 3986 encoding; URLSearchParams would re-encode
    const { method, headers, signal } = request;
    return new Request(url, { method, headers, body: input.body || undefined, signal });
  }
  // note: synchronous with the node backend unless the request has a body to read
  return { version: type, middleware: { onRequest: ({ request }) => run(sign(request)) } };
}
