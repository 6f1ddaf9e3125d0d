import type { Middleware } from 'openapi-fetch';
import { signingCrypto } from '#crypto';
import { requireHeaderSafe, requireString } from '../core/client-context.js';
import { ClientInputError } from '../core/errors.js';
import { signAlibabaAcs3Request } from '../signing/alibaba-acs3-hmac-sha256.js';
import { signAlibabaRpcV2Request } from '../signing/alibaba-rpc-v2-hmac-sha1.js';

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

function readKeyPair(auth: AlibabaKeyPair): AlibabaKeyPair {
  const pair: AlibabaKeyPair = {
    accessKeyId: requireHeaderSafe(auth.accessKeyId, 'auth.accessKeyId'),
    accessKeySecret: requireString(auth.accessKeySecret, 'auth.accessKeySecret'),
  };
  if (auth.securityToken !== undefined) pair.securityToken = requireHeaderSafe(auth.securityToken, 'auth.securityToken');
  return pair;
}

async function bodyText(request: Request): Promise<string> {
  return request.body ? request.clone().text() : '';
}

/** Validates the auth option and returns its signature version and the signing middleware. */
export function alibabaAuthMiddleware(auth: unknown): { version: AlibabaSignatureVersion; middleware: Middleware } {
  if (typeof auth !== 'object' || auth === null) throw new ClientInputError('auth', 'must be { type: "acs3" | "rpc-v2", accessKeyId, accessKeySecret }');
  const { type } = auth as { type?: unknown };
  if (type !== 'acs3' && type !== 'rpc-v2') throw new ClientInputError('auth.type', 'must be "acs3" or "rpc-v2"');
  const credentials = readKeyPair(auth as AlibabaKeyPair);

  if (type === 'acs3') {
    return {
      version: type,
      middleware: {
        async onRequest({ request }) {
          const body = await bodyText(request);
          const signature = await signAlibabaAcs3Request({ method: request.method, url: request.url, headers: request.headers, body }, credentials, signingCrypto);
          for (const [name, value] of Object.entries(signature.headers)) request.headers.set(name, value);
          return request;
        },
      },
    };
  }
  return {
    version: type,
    middleware: {
      async onRequest({ request }) {
        const body = await bodyText(request);
        const signature = await signAlibabaRpcV2Request({ method: request.method, url: request.url, headers: request.headers, body }, credentials, signingCrypto);
        // note: the signer's URL keeps its RFC 3986 encoding; URLSearchParams would re-encode
        return new Request(signature.url, { method: request.method, headers: request.headers, body: body === '' ? undefined : body, signal: request.signal });
      },
    },
  };
}
