import { describeExampleValidation, describeLintBehaviour } from '@cloud-backup-contracts/testkit';

describeLintBehaviour('huawei-vbs');
describeExampleValidation('huawei-vbs');
