import { Initial1733200000000 } from './1733200000000-initial.js';

/** In order; each service lists its own migrations explicitly (no globbing in ESM). */
export const webhooksMigrations = [Initial1733200000000];
