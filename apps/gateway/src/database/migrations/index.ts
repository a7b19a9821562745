import { Initial1733000000000 } from './1733000000000-initial.js';

export const gatewayMigrations = [Initial1733000000000];
