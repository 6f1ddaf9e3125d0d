import type { Middleware } from 'openapi-fetch';
import { signingCrypto } from '#crypto';
import { credentialSource, type ProvidedBy } from '../core/credentials-provider.js';
import { ClientInputError } from '../core/errors.js';
import { requireObject } from '../core/options.js';
import { optionalToken, requireCredential, requireVisibleAscii } from '../signing/credentials.js';
import { clockNow, type SigningClock } from '../signing/clock.js';
import { fromFetch } from '../signing/request.js';
import { signAcs3Input } from './acs3-hmac-sha256.js';
import { signRpcV2Input } from './rpc-v2-hmac-sha1.js';
import type { AlibabaKeys } from './signing-keys.js';

/** An access key pair; with `securityToken` an STS (temporary) one. */
export interface AlibabaKeyPair {
  accessKeyId: string;
  accessKeySecret: string;
  /** STS token for temporary credentials */
  securityToken?: string | undefined;
}

/** Signature V3 (ACS3-HMAC-SHA256), what current SDKs send; Action/Version travel as x-acs-* headers. Keys given, or from a provider. */
export type AlibabaAcs3Auth = { type: 'acs3' } & (AlibabaKeyPair | ProvidedBy<AlibabaKeyPair>);

/** Signature V2 (HMAC-SHA1 over the query), still used by older tools; Action/Version travel in the query. Keys given, or from a provider. */
export type AlibabaRpcV2Auth = { type: 'rpc-v2' } & (AlibabaKeyPair | ProvidedBy<AlibabaKeyPair>);

export type AlibabaAuth = AlibabaAcs3Auth | AlibabaRpcV2Auth;

export type AlibabaSignatureVersion = AlibabaAuth['type'];

const readKeys = (auth: Record<string, unknown>, prefix: string): AlibabaKeys => [
  requireVisibleAscii(auth.accessKeyId, `${prefix}accessKeyId`),
  requireCredential(auth.accessKeySecret, `${prefix}accessKeySecret`),
  optionalToken(auth.securityToken, `${prefix}securityToken`),
];

/** Validates the auth option and returns its signature version and the signing middleware, which signs on `clock`. */
export function alibabaAuthMiddleware(auth: unknown, clock: SigningClock = { offsetMs: 0 }): { version: AlibabaSignatureVersion; middleware: Middleware } {
  const given = requireObject(auth, 'auth');
  const { type } = given;
  if (type !== 'acs3' && type !== 'rpc-v2') throw new ClientInputError('auth.type', 'must be "acs3" or "rpc-v2"');
  const now = () => clockNow(clock);
  // static keys are checked once here; a provider's answers as they arrive
  const source = credentialSource(given, 'alibaba', readKeys, now);
  async function onRequest({ request }: { request: Request }): Promise<Request> {
    const keys = await source();
    const input = await fromFetch(request);
    const date = new Date(now());
    if (type === 'acs3') {
      const { headers } = await signAcs3Input(input, keys, signingCrypto, { date });
      for (const name in headers) request.headers.set(name, headers[name]!);
      return request;
    }
    const { url } = await signRpcV2Input(input, keys, signingCrypto, { date });
    // note: the signer's URL keeps its RFC 3986 encoding; URLSearchParams would re-encode
    const { method, headers, signal } = request;
    return new Request(url, { method, headers, body: input.body || undefined, signal });
  }
  return { version: type, middleware: { onRequest } };
}
