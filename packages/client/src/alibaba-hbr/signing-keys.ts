// Alibaba Cloud credentials, shared by the ACS3 and RPC V2 signers.
import { optionalToken, readAccessKeyPair } from '../signing/credentials.js';

export interface AlibabaCredentials {
  accessKeyId: string;
  /** Never returned or put in an error message. */
  accessKeySecret: string;
  /** STS token; when given, the request is signed as an STS request. */
  securityToken?: string;
}

/** Checked credentials: access key id, secret and the STS token (undefined for plain credentials). */
export type AlibabaKeys = [accessKeyId: string, secret: string, securityToken: string | undefined];

export function readAlibabaCredentials(credentials: AlibabaCredentials): AlibabaKeys {
  const [accessKeyId, secret] = readAccessKeyPair(credentials, 'accessKeyId', 'accessKeySecret');
  return [accessKeyId, secret, optionalToken(credentials.securityToken, 'securityToken')];
}
