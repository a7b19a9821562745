import { Initial1733000000000 } from './1733000000000-initial.js';
import { KeysEndUsersConnections1734000000000 } from './1734000000000-keys-end-users-connections.js';
import { LoginFailureBuckets1735000000000 } from './1735000000000-login-failure-buckets.js';
import { TotpLastStep1735400000000 } from './1735400000000-totp-last-step.js';
import { Impersonations1735500000000 } from './1735500000000-impersonations.js';

/** In order; each service lists its own migrations explicitly (no globbing in ESM). */
export const identityMigrations = [Initial1733000000000, KeysEndUsersConnections1734000000000, LoginFailureBuckets1735000000000, TotpLastStep1735400000000, Impersonations1735500000000];
