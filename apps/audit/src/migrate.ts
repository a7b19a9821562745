import 'reflect-metadata';
import { migrateService } from '@agentry/messaging';
import { auditService } from './index.js';

const applied = await migrateService(auditService, process.env);
process.stdout.write(`audit: ${applied} migration(s) applied\n`);
