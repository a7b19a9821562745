import { appError, type RequestContext } from '@agentry/contracts';

/** The dashboard user who made a session request; other principals (keys, system) are refused. */
export function requireSessionUser(ctx: RequestContext): string {
  if (ctx.principal.type !== 'user' || !ctx.principal.userId) {
    throw appError(403, 'session_required', 'This request needs a signed-in dashboard user.');
  }
  return ctx.principal.userId;
}
