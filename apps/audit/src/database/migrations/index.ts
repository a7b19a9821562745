import { Initial1733100000000 } from './1733100000000-initial.js';
import { Outbox1733100000001 } from './1733100000001-outbox.js';
import { Retention1735700000000 } from './1735700000000-retention.js';

/** In order; each service lists its own migrations explicitly (no globbing in ESM). */
export const auditMigrations = [Initial1733100000000, Outbox1733100000001, Retention1735700000000];
