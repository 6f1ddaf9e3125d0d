/**
 * Regions where Huawei Cloud VBS is commonly reached, for auto-completion. Any other region
 * id is accepted as well: the list changes and the client never rejects an unknown one.
 */
export const huaweiVbsRegions = [
  'cn-north-4',
  'cn-north-1',
  'cn-north-9',
  'cn-east-3',
  'cn-east-2',
  'cn-south-1',
  'cn-southwest-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'af-south-1',
  'la-north-2',
  'la-south-2',
  'sa-brazil-1',
  'tr-west-1',
  'me-east-1',
  'eu-west-101',
] as const;

export type HuaweiVbsRegion = (typeof huaweiVbsRegions)[number] | (string & {});
