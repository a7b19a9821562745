import type { OrgDto, OrgWithRoleDto } from '@agentry/contracts';
import type { OrganizationEntity } from './entities/organization.entity.js';
import type { OrgWithRole } from './organizations.repository.js';

export function toOrgDto(org: OrganizationEntity): OrgDto {
  return {
    id: org.id, object: 'organization', name: org.name, apiVersion: org.apiVersion,
    defaultApplicationId: org.defaultApplicationId, createdAt: org.createdAt.toISOString(),
  };
}

export function toOrgWithRoleDto({ org, role }: OrgWithRole): OrgWithRoleDto {
  return { ...toOrgDto(org), role };
}
