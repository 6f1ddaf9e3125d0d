// One-call browser entries, one per vendor entry point, as a front-end app would import them.
export const browserEntries: Record<'huawei-vbs' | 'alibaba-hbr', string> = {
  'huawei-vbs': [
    `import { createHuaweiVbsClient } from '@cloud-backup-contracts/client/huawei-vbs';`,
    `const vbs = createHuaweiVbsClient({ baseUrl: location.origin, projectId: '0605767c3f00d5762fa8c0147ee18d02', auth: { type: 'token', token: 'iam-token' } });`,
    `export const countShares = () => vbs.countBackupShares({ query: { share_to_me: true } });`,
    '',
  ].join('\n'),
  'alibaba-hbr': [
    `import { createAlibabaHbrClient } from '@cloud-backup-contracts/client/alibaba-hbr';`,
    `const hbr = createAlibabaHbrClient({ baseUrl: location.origin, auth: { type: 'acs3', accessKeyId: 'ak', accessKeySecret: 'sk' } });`,
    `export const statistics = () => hbr.getBasicStatistics({ query: { SourceType: 'ECS_FILE' } });`,
    '',
  ].join('\n'),
};
