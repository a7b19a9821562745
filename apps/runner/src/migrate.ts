import { migrateService } from '@agentry/messaging';
import { runnerService } from './index.js';

// The runner is stateless: nothing to migrate. Kept so every app answers `pnpm migrate` the same way.
const applied = await migrateService(runnerService, process.env);
process.stdout.write(`runner: ${applied} migration(s) applied (no schema)\n`);
