// The signers with this runtime's crypto bound, for requests the typed client does not send
// (raw openapi-fetch over the types package, a proxy, a test harness).
import { signingCrypto } from '#crypto';
import type { SigningRequest } from '../signing/request.js';
import { type Acs3Signature, type Acs3SignOptions, signAlibabaAcs3Request } from './acs3-hmac-sha256.js';
import { type RpcV2Signature, type RpcV2SignOptions, signAlibabaRpcV2Request } from './rpc-v2-hmac-sha1.js';
import type { AlibabaCredentials } from './signing-keys.js';

export type { Acs3Signature, Acs3SignOptions } from './acs3-hmac-sha256.js';
export type { RpcV2Signature, RpcV2SignOptions } from './rpc-v2-hmac-sha1.js';
export type { AlibabaCredentials } from './signing-keys.js';
export type { HeadersInput, HeadersLike, SigningRequest } from '../signing/request.js';

/**
 * Signs a request with ACS3-HMAC-SHA256 (V3), as the client's `acs3` auth does: returns the
 * headers to set and every intermediate for debugging. Throws a ClientInputError naming the bad
 * field, never echoing a secret.
 */
export const signAlibabaHbrAcs3Request = (request: SigningRequest, credentials: AlibabaCredentials, options?: Acs3SignOptions): Promise<Acs3Signature> =>
  signAlibabaAcs3Request(request, credentials, signingCrypto, options);

/**
 * Signs an RPC request with signature V2 (HMAC-SHA1), as the client's `rpc-v2` auth does:
 * returns the query parameters to append and the signed URL. Throws a ClientInputError naming
 * the bad field, never echoing a secret.
 */
export const signAlibabaHbrRpcV2Request = (request: SigningRequest, credentials: AlibabaCredentials, options?: RpcV2SignOptions): Promise<RpcV2Signature> =>
  signAlibabaRpcV2Request(request, credentials, signingCrypto, options);
