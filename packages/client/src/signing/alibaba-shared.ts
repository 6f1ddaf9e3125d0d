// Alibaba Cloud credentials, shared by the ACS3 and RPC V2 signers.
import { readAccessKeyPair } from './request.js';

export interface AlibabaCredentials {
  accessKeyId: string;
  /** Never returned or put in an error message. */
  accessKeySecret: string;
  /** STS token; when non-empty the request is signed as an STS request. */
  securityToken?: string;
}

export interface ResolvedAlibabaCredentials {
  accessKeyId: string;
  secret: string;
  securityToken: string | undefined;
}

export function readAlibabaCredentials(credentials: AlibabaCredentials): ResolvedAlibabaCredentials {
  const { accessKeyId, secret } = readAccessKeyPair(credentials, 'accessKeyId', 'accessKeySecret');
  const token = (credentials as { securityToken?: unknown }).securityToken;
  if (token !== undefined && token !== null && typeof token !== 'string') {
    throw new TypeError('securityToken must be a string when given');
  }
  return { accessKeyId, secret, securityToken: typeof token === 'string' && token !== '' ? token : undefined };
}
