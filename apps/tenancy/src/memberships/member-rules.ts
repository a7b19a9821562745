import { appError, type AppError } from '@agentry/contracts';

/**
 * Who may manage whom (api.md): nobody changes their own membership or an owner's; an admin (or a
 * custom role holding the permission) manages only members, viewers and custom roles; the owner
 * manages everyone else. Ownership moves only by transfer, so nobody assigns `owner`.
 */
export function managementRefusal(actor: { userId: string; role: string }, target: { userId: string; role: string }): AppError | null {
  if (actor.userId === target.userId) return appError(403, 'cannot_manage_self', 'You cannot change or remove your own membership.');
  if (target.role === 'owner') return appError(403, 'cannot_manage_owner', "The owner's membership changes only by transferring the organization.");
  if (actor.role === 'owner' || target.role !== 'admin') return null;
  return appError(403, 'insufficient_role', 'Only the owner manages admins.');
}

/** Whether `actorRole` may give someone `role` (by role change or invitation). Custom roles are checked by RoleGrants. */
export function assignmentRefusal(actorRole: string, role: string): AppError | null {
  if (role === 'owner') return appError(403, 'cannot_assign_owner', 'Ownership moves only by transferring the organization.');
  if (role === 'admin' && actorRole !== 'owner') return appError(403, 'insufficient_role', 'Only the owner makes admins.');
  return null;
}
