import { BUILT_IN_ROLE_PERMISSIONS, BUILT_IN_ROLES, type BuiltInRole } from '@agentry/contracts';

export function isBuiltInRole(role: string): role is BuiltInRole {
  return (BUILT_IN_ROLES as readonly string[]).includes(role);
}

/** A member's permissions: the built-in role's, else the custom role's (none if it is gone). */
export function permissionsOfRole(role: string, customPermissions: readonly string[] | null): string[] {
  if (isBuiltInRole(role)) return [...BUILT_IN_ROLE_PERMISSIONS[role]];
  return customPermissions ? [...customPermissions] : [];
}
