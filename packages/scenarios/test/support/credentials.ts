// A credentials file for the mock's --verify-signatures, with keys and a token made up per run.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AlibabaCredentials } from '@cloud-backup-contracts/client/alibaba-hbr';
import type { HuaweiCredentials } from '@cloud-backup-contracts/client/huawei-vbs';
import type { CredentialsFile } from '../../src/credentials-file.js';

export interface ScenarioCredentials {
  file: string;
  huaweiToken: string;
  huawei: HuaweiCredentials;
  alibaba: AlibabaCredentials;
}

const random = (bytes: number) => randomBytes(bytes).toString('hex');

export function writeCredentials(dir: string): ScenarioCredentials {
  const huaweiToken = `MII${random(32)}`;
  const huawei = { accessKeyId: `HW${random(8).toUpperCase()}`, secretAccessKey: random(20) };
  const alibaba = { accessKeyId: `LTAI${random(8)}`, accessKeySecret: random(15) };
  const content: CredentialsFile = { 'huawei-vbs': { aksk: [huawei], tokens: [huaweiToken] }, 'alibaba-hbr': { aksk: [alibaba] } };
  const file = join(dir, 'credentials.json');
  writeFileSync(file, JSON.stringify(content, null, 2), { mode: 0o600 });
  return { file, huaweiToken, huawei, alibaba };
}
