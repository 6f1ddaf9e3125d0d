// Alibaba Cloud credentials, shared by the ACS3 and RPC V2 signers.
import { readAccessKeyPair, requireVisibleAscii } from './request.js';

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
  // like the SDK, an absent or empty token means plain (non-STS) credentials
  if (token === undefined || token === null || token === '') return { accessKeyId, secret, securityToken: undefined };
  if (typeof token !== 'string') throw new TypeError('securityToken must be a string when given');
  return { accessKeyId, secret, securityToken: requireVisibleAscii(token, 'securityToken') };
}
