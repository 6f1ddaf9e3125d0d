import type { Middleware } from 'openapi-fetch';
import { signingCrypto } from '#crypto';
import { ClientInputError } from '../core/errors.js';
import { requireHeaderSafe, requireString } from '../core/client-context.js';
import { signHuaweiRequest } from '../signing/huawei-sdk-hmac-sha256.js';

/** An IAM token, sent as `X-Auth-Token`. */
export interface HuaweiTokenAuth {
  type: 'token';
  token: string;
}

/** An access key pair; every request is signed with SDK-HMAC-SHA256. */
export interface HuaweiAkSkAuth {
  type: 'aksk';
  accessKeyId: string;
  secretAccessKey: string;
}

export type HuaweiAuth = HuaweiTokenAuth | HuaweiAkSkAuth;

/** Validates the auth option and returns the middleware that applies it to every request. */
export function huaweiAuthMiddleware(auth: unknown, projectId: string): Middleware {
  if (typeof auth !== 'object' || auth === null) throw new ClientInputError('auth', 'must be { type: "token", token } or { type: "aksk", accessKeyId, secretAccessKey }');
  const { type } = auth as { type?: unknown };
  if (type === 'token') {
    const token = requireHeaderSafe((auth as HuaweiTokenAuth).token, 'auth.token');
    return {
      onRequest({ request }) {
        request.headers.set('X-Project-Id', projectId);
        request.headers.set('X-Auth-Token', token);
        return request;
      },
    };
  }
  if (type === 'aksk') {
    const credentials = {
      accessKeyId: requireHeaderSafe((auth as HuaweiAkSkAuth).accessKeyId, 'auth.accessKeyId'),
      secretAccessKey: requireString((auth as HuaweiAkSkAuth).secretAccessKey, 'auth.secretAccessKey'),
    };
    return {
      async onRequest({ request }) {
        request.headers.set('X-Project-Id', projectId);
        const body = request.body ? await request.clone().text() : '';
        const signature = await signHuaweiRequest({ method: request.method, url: request.url, headers: request.headers, body }, credentials, signingCrypto);
        for (const [name, value] of Object.entries(signature.headers)) request.headers.set(name, value);
        return request;
      },
    };
  }
  throw new ClientInputError('auth.type', 'must be "token" or "aksk"');
}
