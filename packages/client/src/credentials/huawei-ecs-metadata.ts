// Huawei ECS temporary AK/SK from the instance metadata (the agency bound to the instance), as
// the Huawei SDKs' metadata credential providers read them: PUT /meta-data/latest/api/token,
// then GET /openstack/latest/securitykey with that token.
import type { CredentialsProvider } from '../core/credentials-provider.js';
import type { HuaweiAkSk } from '../huawei-vbs/auth.js';
import { type MetadataOptions, metadataRequest, metadataTarget, parseMetadataJson } from './metadata-request.js';

const securityKeyPath = '/openstack/latest/securitykey';

/**
 * The instance's temporary AK/SK and security token, with their `expires_at` (they last about an
 * hour and are renewed 10 minutes early, the old ones still valid meanwhile).
 */
export function fromHuaweiEcsMetadata(options: MetadataOptions = {}): CredentialsProvider<HuaweiAkSk> {
  const at = metadataTarget(options, 'http://169.254.169.254');
  return async () => {
    const token = await metadataRequest(at, 'PUT', '/meta-data/latest/api/token', { 'X-Metadata-Token-Ttl-Seconds': '21600' });
    const text = await metadataRequest(at, 'GET', securityKeyPath, { 'X-Metadata-Token': token });
    const { credential } = parseMetadataJson(securityKeyPath, text);
    const key = (typeof credential === 'object' && credential !== null ? credential : {}) as Record<string, unknown>;
    return {
      accessKeyId: key.access as string,
      secretAccessKey: key.secret as string,
      securityToken: key.securitytoken as string,
      expiration: key.expires_at as string,
    };
  };
}
