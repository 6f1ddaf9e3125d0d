// Node-only credential sources (environment variables, instance metadata, Alibaba's credential
// library), each a provider for an auth option's `provider`. No browser bundle imports this entry.
export { type AlibabaCredentialClient, fromAlibabaCredentialClient } from './alibaba-credentials-client.js';
export { type AlibabaEcsRamRoleOptions, fromAlibabaEcsRamRole } from './alibaba-ecs-ram-role.js';
export { type Environment, fromAlibabaEnv, fromHuaweiEnv, huaweiProjectIdFromEnv } from './env.js';
export { fromHuaweiEcsMetadata } from './huawei-ecs-metadata.js';
export type { MetadataOptions } from './metadata-request.js';
export type { CredentialsProvider, Expiration, Provided, ProvidedBy } from '../core/credentials-provider.js';
export type { AlibabaKeyPair } from '../alibaba-hbr/auth.js';
export type { HuaweiAkSk } from '../huawei-vbs/auth.js';
