import { Initial1733100000000 } from './1733100000000-initial.js';
import { PerRunEventSeq1735100000000 } from './1735100000000-per-run-event-seq.js';
import { KillSwitches1735200000000 } from './1735200000000-kill-switches.js';
import { DailyBudgets1735600000000 } from './1735600000000-daily-budgets.js';

/** In order; each service lists its own migrations explicitly (no globbing in ESM). */
export const runsMigrations = [Initial1733100000000, PerRunEventSeq1735100000000, KillSwitches1735200000000, DailyBudgets1735600000000];
