import type { RequestContext } from '@agentry/contracts';
import type { OrgScope } from '@agentry/persistence';
import { orgScopeOf } from '../common/org-scope.js';

/**
 * Which applications of the org a request may see: all of them for a dashboard user, only its
 * own for an API key (an API key without an application sees none).
 */
export interface ApplicationScope extends OrgScope {
  readonly onlyApplicationId?: string;
}

export function applicationScopeOf(ctx: RequestContext): ApplicationScope {
  const { orgId } = orgScopeOf(ctx);
  if (ctx.principal.type === 'api_key') return { orgId, onlyApplicationId: ctx.applicationId ?? '' };
  return { orgId };
}
