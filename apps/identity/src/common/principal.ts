import { appError, type RequestContext } from '@agentry/contracts';

/** The dashboard user who made a session request; other principals (keys, system) are refused. */
export function requireSessionUser(ctx: RequestContext): string {
  if (ctx.principal.type !== 'user' || !ctx.principal.userId) {
    throw appError(403, 'session_required', 'This request needs a signed-in dashboard user.');
  }
  return ctx.principal.userId;
}

/** Like requireSessionUser, but a support (impersonation) session is refused: for the user's own security settings. */
export function requireOwnSession(ctx: RequestContext): string {
  const userId = requireSessionUser(ctx);
  if (ctx.impersonator) throw appError(403, 'impersonation_forbidden', 'A support session cannot change the user\'s security settings.');
  return userId;
}
