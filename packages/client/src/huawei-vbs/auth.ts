import type { Middleware } from 'openapi-fetch';
import { signingCrypto } from '#crypto';
import { ClientInputError } from '../core/errors.js';
import { requireObject } from '../core/options.js';
import { requireCredential, requireVisibleAscii } from '../signing/credentials.js';
import { fromFetch } from '../signing/request.js';
import { signHuaweiInput } from './sdk-hmac-sha256.js';

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
  const { type, token, accessKeyId, secretAccessKey } = requireObject(auth, 'auth');
  if (type === 'token') {
    const checked = requireVisibleAscii(token, 'auth.token');
    return {
      onRequest({ request }) {
        request.headers.set('X-Project-Id', projectId);
        request.headers.set('X-Auth-Token', checked);
        return request;
      },
    };
  }
  if (type !== 'aksk') throw new ClientInputError('auth.type', 'must be "token" or "aksk"');
  // checked once here; each request is then signed as it is
  const id = requireVisibleAscii(accessKeyId, 'auth.accessKeyId');
  const secret = requireCredential(secretAccessKey, 'auth.secretAccessKey');
  return {
    async onRequest({ request }) {
      request.headers.set('X-Project-Id', projectId);
      const { headers } = await signHuaweiInput(await fromFetch(request), id, secret, signingCrypto);
      for (const name in headers) request.headers.set(name, headers[name]!);
      return request;
    },
  };
}
