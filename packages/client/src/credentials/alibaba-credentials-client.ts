// An adapter for Alibaba's own credential library, so its whole chain (profiles, OIDC/RRSA, RAM
// role ARN, ECS RAM role, credentials URI) serves the client instead of being re-implemented here.
import type { AlibabaKeyPair } from '../alibaba-hbr/auth.js';
import type { CredentialsProvider } from '../core/credentials-provider.js';

/** What the adapter uses of an `@alicloud/credentials` Credential (structural, so the library stays optional). */
export interface AlibabaCredentialClient {
  getCredential(): Promise<{ accessKeyId?: string; accessKeySecret?: string; securityToken?: string }>;
}

/**
 * A provider over `new Credential(config)` of `@alicloud/credentials`: each attempt asks its
 * `getCredential()`, which caches and refreshes on its own (15 minutes before expiry).
 */
export function fromAlibabaCredentialClient(credential: AlibabaCredentialClient): CredentialsProvider<AlibabaKeyPair> {
  return async () => {
    const { accessKeyId, accessKeySecret, securityToken } = await credential.getCredential();
    // an empty token means plain keys there
    return { accessKeyId: accessKeyId as string, accessKeySecret: accessKeySecret as string, securityToken: securityToken || undefined };
  };
}
