import { Errors, requireOrg, type KillSwitchScope, type RequestContext } from '@agentry/contracts';
import { PLATFORM_KEY } from './kill-switches.repository.js';

/** Which switch a request names: its org's, or (platform admins only) the platform's. */
export interface KillSwitchTarget {
  scope: KillSwitchScope;
  key: string;
  orgId: string | null;
}

export function killSwitchTarget(ctx: RequestContext, scope: KillSwitchScope): KillSwitchTarget {
  if (scope === 'platform') {
    if (!ctx.platformAdmin) throw Errors.insufficientScope('platform:kill-switch');
    return { scope, key: PLATFORM_KEY, orgId: null };
  }
  const orgId = requireOrg(ctx);
  return { scope, key: orgId, orgId };
}

/** Where the switch's events and audit records go: the org's trail, or the platform's. */
export function eventOrgOf(target: KillSwitchTarget): string {
  return target.orgId ?? PLATFORM_KEY;
}
