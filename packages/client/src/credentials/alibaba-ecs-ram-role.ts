// Alibaba ECS instance RAM role credentials, as @alicloud/credentials (providers/ecs_ram_role.ts)
// reads them in its hardened mode (IMDSv2: a metadata token is required): PUT /latest/api/token,
// then the role name and the role's STS credentials under /latest/meta-data/ram/security-credentials/.
import type { AlibabaKeyPair } from '../alibaba-hbr/auth.js';
import type { CredentialsProvider } from '../core/credentials-provider.js';
import { type MetadataOptions, metadataRequest, metadataTarget, metadataService, parseMetadataJson } from './metadata-request.js';

export interface AlibabaEcsRamRoleOptions extends MetadataOptions {
  /** the instance's RAM role; read from the metadata service when not given */
  roleName?: string;
}

const credentialsPath = '/latest/meta-data/ram/security-credentials/';

/** STS credentials of the instance's RAM role, with their `Expiration`, fetched when the client asks (an hour's worth). */
export function fromAlibabaEcsRamRole(options: AlibabaEcsRamRoleOptions = {}): CredentialsProvider<AlibabaKeyPair> {
  const at = metadataTarget(options, 'http://100.100.100.200');
  return async () => {
    // a metadata token lives 6 hours; one per refresh keeps this provider stateless
    const token = await metadataRequest(at, 'PUT', '/latest/api/token', { 'X-aliyun-ecs-metadata-token-ttl-seconds': '21600' });
    const headers = { 'X-aliyun-ecs-metadata-token': token };
    const role = options.roleName ?? (await metadataRequest(at, 'GET', credentialsPath, headers)).trim();
    if (!role) throw new Error(`the ${metadataService} names no RAM role for this instance`);
    const path = `${credentialsPath}${encodeURIComponent(role)}`;
    const answer = parseMetadataJson(path, await metadataRequest(at, 'GET', path, headers));
    if (answer.Code !== 'Success') throw new Error(`the ${metadataService}'s answer to ${path} is not a success (Code ${String(answer.Code).slice(0, 40)})`);
    return {
      accessKeyId: answer.AccessKeyId as string,
      accessKeySecret: answer.AccessKeySecret as string,
      securityToken: answer.SecurityToken as string,
      expiration: answer.Expiration as string,
    };
  };
}
