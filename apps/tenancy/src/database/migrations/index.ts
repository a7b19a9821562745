import { Initial1733100000000 } from './1733100000000-initial.js';
import { Invitations1735300000000 } from './1735300000000-invitations.js';

/** In order; each service lists its own migrations explicitly (no globbing in ESM). */
export const tenancyMigrations = [Initial1733100000000, Invitations1735300000000];
