// Alibaba Cloud credentials, shared by the ACS3 and RPC V2 signers.
import { fail, readAccessKeyPair, requireVisibleAscii } from '../signing/request.js';

export interface AlibabaCredentials {
  accessKeyId: string;
  /** Never returned or put in an error message. */
  accessKeySecret: string;
  /** STS token; when non-empty the request is signed as an STS request. */
  securityToken?: string;
}

/** Checked credentials: access key id, secret and the STS token (undefined for plain credentials). */
export type AlibabaKeys = [accessKeyId: string, secret: string, securityToken: string | undefined];

export function readAlibabaCredentials(credentials: AlibabaCredentials): AlibabaKeys {
  const [accessKeyId, secret] = readAccessKeyPair(credentials, 'accessKeyId', 'accessKeySecret');
  const token = (credentials as { securityToken?: unknown }).securityToken;
  // like the SDK, an absent or empty token means plain (non-STS) credentials
  return [
    accessKeyId,
    secret,
    token == null || token === ''
      ? undefined
      : typeof token === 'string'
        ? requireVisibleAscii(token, 'securityToken')
        : fail('securityToken', 'be a string when given'),
  ];
}
