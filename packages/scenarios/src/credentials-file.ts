// The contract mock's credentials file (`--credentials FILE` with `--verify-signatures`), read
// for the key the relay signs with: one file serves the mock and the relay.
import { readFileSync } from 'node:fs';
import type { AlibabaCredentials } from '@cloud-backup-contracts/client/alibaba-hbr';
import type { HuaweiCredentials } from '@cloud-backup-contracts/client/huawei-vbs';
import type { RelayKey } from './signing-relay.js';

export interface CredentialsFile {
  'huawei-vbs'?: { aksk?: HuaweiCredentials[]; tokens?: string[] };
  'alibaba-hbr'?: { aksk?: AlibabaCredentials[] };
}

/** The first access key of `api` in the file; the Error names what is missing, never a value. */
export function relayKeyOf(file: string, api: RelayKey['api']): RelayKey {
  const credentials = JSON.parse(readFileSync(file, 'utf8')) as CredentialsFile;
  if (api === 'huawei-vbs') {
    const key = credentials['huawei-vbs']?.aksk?.[0];
    if (key) return { api, credentials: key };
  } else {
    const key = credentials['alibaba-hbr']?.aksk?.[0];
    if (key) return { api, credentials: key };
  }
  throw new Error(`${file} has no "${api}".aksk[0] to sign with`);
}
