import { Initial1733000000000 } from './1733000000000-initial.js';

/** In order; each service lists its own migrations explicitly (no globbing in ESM). */
export const identityMigrations = [Initial1733000000000];
