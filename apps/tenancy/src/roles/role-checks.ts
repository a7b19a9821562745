import { ALL_PERMISSIONS, appError, Errors, isPermission, OWNER_ONLY_PERMISSIONS, type RequestContext } from '@agentry/contracts';

/** De-duplicated, in catalogue order; unknown ones → 400 validation_failed, ones the caller lacks → 400 invalid_permissions. */
export function checkedPermissions(ctx: RequestContext, requested: string[]): string[] {
  const unknown = requested.filter((p) => !isPermission(p));
  if (unknown.length > 0) {
    throw Errors.validation([{ field: 'permissions', code: 'invalid_permission', message: `Not in the permission catalogue: ${unknown.join(', ')}.` }]);
  }
  const ownerOnly = requested.filter((p) => (OWNER_ONLY_PERMISSIONS as readonly string[]).includes(p));
  if (ownerOnly.length > 0) {
    throw appError(400, 'invalid_permissions', `Only the owner holds ${ownerOnly.join(' and ')}; no custom role can.`, { permissions: ownerOnly });
  }
  const held = new Set(ctx.permissions);
  const notHeld = [...new Set(requested.filter((p) => !held.has(p)))];
  if (notHeld.length > 0) {
    throw appError(400, 'invalid_permissions', `A role can only grant permissions you hold; you lack: ${notHeld.join(', ')}.`, { permissions: notHeld });
  }
  const wanted = new Set(requested);
  return ALL_PERMISSIONS.filter((p) => wanted.has(p));
}

export function roleNameTaken(name: string) {
  return appError(409, 'role_name_taken', `A role named "${name}" already exists in this organization.`);
}
