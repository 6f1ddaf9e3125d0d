import { describeVendorExamples } from '@cloud-backup-contracts/testkit';

// golangsdk's fixtures are hand-trimmed test answers. Where they leave out a field, the contract
// follows the pages, whose tables (create) or examples (list, get one) carry it; the schemas'
// descriptions say so (BackupShare, BackupShareDetail, SharedBackup).
describeVendorExamples('huawei-vbs', {
  'golangsdk-create-output.json': ['/shared/0 created_at', '/shared/0 updated_at', '/shared/0 deleted', '/shared/0 deleted_at'],
  'golangsdk-get-response.json': ['/shared created_at', '/shared updated_at', '/shared/backup created_at'],
  'golangsdk-list-response.json': ['/shared/0 created_at', '/shared/0 updated_at', '/shared/0/backup created_at'],
  'otc-counting-backup-sharings.json': [],
  'otc-querying-backup-sharings.json': [],
  'otc-querying-details-about-a-backup-sharing.json': [],
  'otc-sharing-a-backup.json': [],
});
