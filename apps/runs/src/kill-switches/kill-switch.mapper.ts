import type { KillSwitchDto, KillSwitchScope } from '@agentry/contracts';
import type { KillSwitchRow } from './kill-switches.repository.js';

export function toKillSwitchDto(scope: KillSwitchScope, orgId: string | null, row: KillSwitchRow | null, cancelledRuns?: number): KillSwitchDto {
  return {
    object: 'kill_switch', scope, orgId, engaged: row !== null, reason: row?.reason ?? null,
    engagedAt: row ? new Date(row.engagedAt).toISOString() : null, engagedBy: row?.engagedBy ?? null,
    ...(cancelledRuns === undefined ? {} : { cancelledRuns }),
  };
}
