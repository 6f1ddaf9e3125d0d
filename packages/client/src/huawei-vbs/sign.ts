// The signer with this runtime's crypto bound, for requests the typed client does not send
// (raw openapi-fetch over the types package, a proxy, a test harness).
import { signingCrypto } from '#crypto';
import type { SigningRequest } from '../signing/request.js';
import { type HuaweiCredentials, type HuaweiSignature, type HuaweiSignOptions, signHuaweiRequest } from './sdk-hmac-sha256.js';

export type { HuaweiCredentials, HuaweiSignature, HuaweiSignOptions } from './sdk-hmac-sha256.js';
export type { HeadersInput, HeadersLike, SigningRequest } from '../signing/request.js';

/**
 * Signs a request with SDK-HMAC-SHA256, as the client signs each of its calls: returns the
 * headers to set (`X-Sdk-Date`, `Authorization`) and every intermediate for debugging. Throws a
 * ClientInputError naming the bad field, never echoing a secret.
 */
export const signHuaweiVbsRequest = (request: SigningRequest, credentials: HuaweiCredentials, options?: HuaweiSignOptions): Promise<HuaweiSignature> =>
  signHuaweiRequest(request, credentials, signingCrypto, options);
