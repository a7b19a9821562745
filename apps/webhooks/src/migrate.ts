import 'reflect-metadata';
import { migrateService } from '@agentry/messaging';
import { webhooksService } from './index.js';

const applied = await migrateService(webhooksService, process.env);
process.stdout.write(`webhooks: ${applied} migration(s) applied\n`);
