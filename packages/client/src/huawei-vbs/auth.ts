import type { Middleware } from 'openapi-fetch';
import { signingCrypto } from '#crypto';
import { ClientInputError } from '../core/errors.js';
import { requireString, requireVisibleAscii } from '../core/client-context.js';
import { huaweiSteps } from './sdk-hmac-sha256.js';
import { fromFetch, run, type Steps } from '../signing/request.js';

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
  if (typeof auth !== 'object' || auth === null) throw new ClientInputError('auth', 'must be an object');
  const { type } = auth as { type?: unknown };
  if (type === 'token') {
    const token = requireVisibleAscii((auth as HuaweiTokenAuth).token, 'auth.token');
    return {
      onRequest({ request }) {
        request.headers.set('X-Project-Id', projectId);
        request.headers.set('X-Auth-Token', token);
        return request;
      },
    };
  }
  if (type === 'aksk') {
    // checked once here, so signing each request skips the checks
    const accessKeyId = requireVisibleAscii((auth as HuaweiAkSkAuth).accessKeyId, 'auth.accessKeyId');
    const secret = requireString((auth as HuaweiAkSkAuth).secretAccessKey, 'auth.secretAccessKey');
    function* sign(request: Request): Steps<Request> {
      request.headers.set('X-Project-Id', projectId);
      const { headers } = yield* huaweiSteps(yield* fromFetch(request), accessKeyId, secret, signingCrypto);
      for (const name in headers) request.headers.set(name, headers[name]!);
      return request;
    }
    // note: synchronous with the node backend unless the request has a body to read
    return { onRequest: ({ request }) => run(sign(request)) };
  }
  throw new ClientInputError('auth.type', 'must be "token" or "aksk"');
}
