import { migrateService } from '@agentry/messaging';
import { identityService } from './index.js';

const applied = await migrateService(identityService, process.env);
process.stdout.write(`identity: ${applied} migration(s) applied\n`);
