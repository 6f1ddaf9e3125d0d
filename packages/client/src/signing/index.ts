export type { SigningCrypto } from '../crypto/types.js';
export type { HeadersInput, HeadersLike, SigningRequest } from './request.js';
export type { AlibabaCredentials } from '../alibaba-hbr/signing-keys.js';
export {
  HUAWEI_SIGNING_ALGORITHM,
  signHuaweiRequest,
  type HuaweiCredentials,
  type HuaweiSignOptions,
  type HuaweiSignature,
} from '../huawei-vbs/sdk-hmac-sha256.js';
export {
  ACS3_SIGNING_ALGORITHM,
  signAlibabaAcs3Request,
  type Acs3SignOptions,
  type Acs3Signature,
} from '../alibaba-hbr/acs3-hmac-sha256.js';
export {
  RPC_V2_SIGNATURE_METHOD,
  RPC_V2_SIGNATURE_VERSION,
  signAlibabaRpcV2Request,
  type RpcV2SignOptions,
  type RpcV2Signature,
} from '../alibaba-hbr/rpc-v2-hmac-sha1.js';
export { percentEncode } from './encoding.js';
