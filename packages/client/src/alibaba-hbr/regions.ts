/**
 * Regions where Alibaba Cloud Backup (HBR) is commonly reached, for auto-completion. Any other
 * region id is accepted as well: the list changes and the client never rejects an unknown one.
 */
export const alibabaHbrRegions = [
  'cn-hangzhou',
  'cn-shanghai',
  'cn-beijing',
  'cn-shenzhen',
  'cn-qingdao',
  'cn-zhangjiakou',
  'cn-huhehaote',
  'cn-wulanchabu',
  'cn-chengdu',
  'cn-hongkong',
  'ap-southeast-1',
  'ap-southeast-3',
  'ap-southeast-5',
  'ap-northeast-1',
  'ap-south-1',
  'eu-central-1',
  'eu-west-1',
  'us-west-1',
  'us-east-1',
  'me-east-1',
] as const;

export type AlibabaHbrRegion = (typeof alibabaHbrRegions)[number] | (string & {});
