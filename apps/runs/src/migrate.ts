import { migrateService } from '@agentry/messaging';
import { runsService } from './index.js';

const applied = await migrateService(runsService, process.env);
process.stdout.write(`runs: ${applied} migration(s) applied\n`);
