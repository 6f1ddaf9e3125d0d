// Credentials from the environment variables the vendors' own SDKs read: the Huawei SDK core's
// ClientBuilder maps HUAWEICLOUD_SDK_* onto BasicCredentials (AK, SK, SECURITY_TOKEN,
// PROJECT_ID); @alicloud/credentials reads ALIBABA_CLOUD_* (providers/env.ts).
import type { AlibabaKeyPair } from '../alibaba-hbr/auth.js';
import type { CredentialsProvider } from '../core/credentials-provider.js';
import { ClientInputError } from '../core/errors.js';
import type { HuaweiAkSk } from '../huawei-vbs/auth.js';

/** The environment a provider reads: `process.env` unless another is given (a test's, a config loader's). */
export type Environment = Readonly<Record<string, string | undefined>>;

function variable(env: Environment, name: string, required: true): string;
function variable(env: Environment, name: string, required: false): string | undefined;
function variable(env: Environment, name: string, required: boolean): string | undefined {
  const value = env[name];
  if (value === undefined || value === '') {
    if (required) throw new ClientInputError(name, 'is not set in the environment');
    return undefined;
  }
  return value;
}

/**
 * Huawei AK/SK from `HUAWEICLOUD_SDK_AK`, `HUAWEICLOUD_SDK_SK` and, for temporary keys,
 * `HUAWEICLOUD_SDK_SECURITY_TOKEN`; read when asked, so a changed environment is seen by the next attempt.
 */
export function fromHuaweiEnv(env: Environment = process.env): CredentialsProvider<HuaweiAkSk> {
  return () => ({
    accessKeyId: variable(env, 'HUAWEICLOUD_SDK_AK', true),
    secretAccessKey: variable(env, 'HUAWEICLOUD_SDK_SK', true),
    securityToken: variable(env, 'HUAWEICLOUD_SDK_SECURITY_TOKEN', false),
  });
}

/** The project id from `HUAWEICLOUD_SDK_PROJECT_ID`; a ClientInputError naming it when unset. */
export function huaweiProjectIdFromEnv(env: Environment = process.env): string {
  return variable(env, 'HUAWEICLOUD_SDK_PROJECT_ID', true);
}

/**
 * Alibaba keys from `ALIBABA_CLOUD_ACCESS_KEY_ID`, `ALIBABA_CLOUD_ACCESS_KEY_SECRET` and, for STS
 * keys, `ALIBABA_CLOUD_SECURITY_TOKEN`; read when asked.
 */
export function fromAlibabaEnv(env: Environment = process.env): CredentialsProvider<AlibabaKeyPair> {
  return () => ({
    accessKeyId: variable(env, 'ALIBABA_CLOUD_ACCESS_KEY_ID', true),
    accessKeySecret: variable(env, 'ALIBABA_CLOUD_ACCESS_KEY_SECRET', true),
    securityToken: variable(env, 'ALIBABA_CLOUD_SECURITY_TOKEN', false),
  });
}
