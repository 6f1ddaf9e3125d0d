import { fileURLToPath } from 'node:url';
import { describeGeneratedSnapshots } from '@cloud-backup-contracts/testkit';

describeGeneratedSnapshots(fileURLToPath(new URL('..', import.meta.url)));
