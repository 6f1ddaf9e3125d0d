import { describeExampleValidation, describeLintBehaviour } from '@cloud-backup-contracts/testkit';

describeLintBehaviour('alibaba-hbr');
describeExampleValidation('alibaba-hbr');
