import 'reflect-metadata';
import { migrateService } from '@agentry/messaging';
import { tenancyService } from './index.js';

const applied = await migrateService(tenancyService, process.env);
process.stdout.write(`tenancy: ${applied} migration(s) applied\n`);
