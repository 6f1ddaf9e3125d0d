import type { Middleware } from 'openapi-fetch';
import { signingCrypto } from '#crypto';
import { credentialSource, type ProvidedBy } from '../core/credentials-provider.js';
import { ClientInputError } from '../core/errors.js';
import { requireObject } from '../core/options.js';
import { clockNow, type SigningClock } from '../signing/clock.js';
import { optionalToken, requireCredential, requireVisibleAscii } from '../signing/credentials.js';
import { fromFetch } from '../signing/request.js';
import { signHuaweiInput } from './sdk-hmac-sha256.js';

/** An IAM token, sent as `X-Auth-Token`. */
export interface HuaweiToken {
  token: string;
}

/** An access key pair; with `securityToken` a temporary one (sent as `X-Security-Token`, and signed). */
export interface HuaweiAkSk {
  accessKeyId: string;
  secretAccessKey: string;
  /** the security token of temporary credentials (an agency's, the instance metadata's) */
  securityToken?: string | undefined;
}

/** An IAM token, sent as `X-Auth-Token`: given, or from a provider. */
export type HuaweiTokenAuth = { type: 'token' } & (HuaweiToken | ProvidedBy<HuaweiToken>);

/** An access key pair, given or from a provider; every request is signed with SDK-HMAC-SHA256. */
export type HuaweiAkSkAuth = { type: 'aksk' } & (HuaweiAkSk | ProvidedBy<HuaweiAkSk>);

export type HuaweiAuth = HuaweiTokenAuth | HuaweiAkSkAuth;

const readToken = (auth: Record<string, unknown>, prefix: string) => requireVisibleAscii(auth.token, `${prefix}token`);

const readAkSk = (auth: Record<string, unknown>, prefix: string) =>
  [
    requireVisibleAscii(auth.accessKeyId, `${prefix}accessKeyId`),
    requireCredential(auth.secretAccessKey, `${prefix}secretAccessKey`),
    optionalToken(auth.securityToken, `${prefix}securityToken`),
  ] as const;

/** Validates the auth option and returns the middleware that applies it to every request, signing on `clock`. */
export function huaweiAuthMiddleware(auth: unknown, projectId: string, clock: SigningClock = { offsetMs: 0 }): Middleware {
  const given = requireObject(auth, 'auth');
  const now = () => clockNow(clock);
  if (given.type === 'token') {
    const token = credentialSource(given, 'huawei', readToken, now);
    return {
      async onRequest({ request }) {
        request.headers.set('X-Project-Id', projectId);
        request.headers.set('X-Auth-Token', await token());
        return request;
      },
    };
  }
  if (given.type !== 'aksk') throw new ClientInputError('auth.type', 'must be "token" or "aksk"');
  const keys = credentialSource(given, 'huawei', readAkSk, now);
  return {
    async onRequest({ request }) {
      const [id, secret, securityToken] = await keys();
      request.headers.set('X-Project-Id', projectId);
      const { headers } = await signHuaweiInput(await fromFetch(request), id, secret, signingCrypto, { date: new Date(now()) }, securityToken);
      for (const name in headers) request.headers.set(name, headers[name]!);
      return request;
    },
  };
}
