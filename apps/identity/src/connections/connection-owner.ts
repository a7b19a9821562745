import { appError, type RequestContext } from '@agentry/contracts';

/** A connection belongs to an end-user or to a dashboard user, never both. */
export type ConnectionOwner = { kind: 'end_user'; endUserId: string } | { kind: 'user'; userId: string };

/** The end-user the request acts for, else the dashboard user behind the principal (for a key, its creator). */
export function ownerFromContext(ctx: RequestContext): ConnectionOwner {
  if (ctx.endUserId) return { kind: 'end_user', endUserId: ctx.endUserId };
  if (ctx.principal.userId) return { kind: 'user', userId: ctx.principal.userId };
  throw appError(403, 'owner_required', 'Connections belong to an end-user or a dashboard user.');
}

export function ownerColumns(owner: ConnectionOwner): { endUserId: string | null; userId: string | null } {
  return owner.kind === 'end_user' ? { endUserId: owner.endUserId, userId: null } : { endUserId: null, userId: owner.userId };
}
