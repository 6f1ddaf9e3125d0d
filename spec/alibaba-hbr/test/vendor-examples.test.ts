import { describeVendorExamples } from '@cloud-backup-contracts/testkit';

describeVendorExamples('alibaba-hbr', {
  'alibaba-page-getbasicstatistics.json': [],
});
