import { appError, Errors, requireOrg, type RequestContext } from '@agentry/contracts';
import type { OrgScope } from '@agentry/persistence';

/**
 * The org a request acts on: always `ctx.orgId` (the gateway checked the caller's permission
 * there). A path `orgId` forwarded in the payload must name the same org, else 404.
 */
export function orgScopeOf(ctx: RequestContext, input: { orgId?: string } = {}): OrgScope {
  const orgId = requireOrg(ctx);
  if (input.orgId !== undefined && input.orgId !== orgId) throw Errors.notFound('organization');
  return { orgId };
}

/** Organization routes are for dashboard users (sessions); their user id is the actor. */
export function requireUserId(ctx: RequestContext): string {
  const userId = ctx.principal.userId;
  if (ctx.principal.type !== 'user' || !userId) throw appError(403, 'session_required', 'This endpoint is for dashboard users (log in).');
  return userId;
}

/** Memberships a support (impersonation) session would create would outlive it: joining and founding orgs are the user's own acts. */
export function refuseSupportSession(ctx: RequestContext): void {
  if (ctx.impersonator) throw appError(403, 'impersonation_forbidden', 'A support session cannot join or create organizations for the user.');
}
