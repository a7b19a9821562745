import { BUILT_IN_ROLE_PERMISSIONS, BUILT_IN_ROLES, type RoleDto } from '@agentry/contracts';
import type { RoleEntity } from './entities/role.entity.js';

export function toRoleDto(role: RoleEntity): RoleDto {
  return { id: role.id, object: 'role', name: role.name, builtIn: false, permissions: [...role.permissions], createdAt: role.createdAt.toISOString() };
}

/** The built-in roles, in the order they are listed (their id is their name). */
export const BUILT_IN_ROLE_DTOS: readonly RoleDto[] = BUILT_IN_ROLES.map((name) => ({
  id: name, object: 'role', name, builtIn: true, permissions: [...BUILT_IN_ROLE_PERMISSIONS[name]], createdAt: null,
}));
