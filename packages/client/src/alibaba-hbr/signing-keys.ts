// Alibaba Cloud credentials, shared by the ACS3 and RPC V2 signers.
import { ClientInputError } from '../core/errors.js';
import { readAccessKeyPair, requireVisibleAscii } from '../signing/credentials.js';

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
  const token: unknown = credentials.securityToken;
  // like the SDK, an absent or empty token means plain (non-STS) credentials
  if (token == null || token === '') return [accessKeyId, secret, undefined];
  if (typeof token !== 'string') throw new ClientInputError('securityToken', 'must be a string when given');
  return [accessKeyId, secret, requireVisibleAscii(token, 'securityToken')];
}
