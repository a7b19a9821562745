import { appError, auditFromContext, Errors, isId, type RequestContext, type RoleDto, type UpdateRoleRequest } from '@agentry/contracts';
import { OutboxWriter } from '@agentry/messaging';
import { isUniqueViolation } from '@agentry/persistence';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { orgScopeOf } from '../../../common/org-scope.js';
import { TenancyBroadcasts } from '../../../common/tenancy-broadcasts.js';
import { checkedPermissions, roleNameTaken } from '../../role-checks.js';
import { isBuiltInRole } from '../../role-permissions.js';
import { toRoleDto } from '../../role.mapper.js';
import { RolesRepository } from '../../roles.repository.js';

/**
 * Renames a custom role or replaces its permissions (each held by the caller). Members holding
 * it get the new permissions on their next request: the gateways' cached resolutions are dropped.
 */
@Injectable()
export class UpdateRole {
  constructor(
    private readonly dataSource: DataSource,
    private readonly roles: RolesRepository,
    private readonly outbox: OutboxWriter,
    private readonly broadcasts: TenancyBroadcasts,
  ) {}

  async execute(ctx: RequestContext, input: UpdateRoleRequest): Promise<RoleDto> {
    const scope = orgScopeOf(ctx, input);
    if (isBuiltInRole(input.roleId)) throw appError(409, 'built_in_role', 'Built-in roles cannot be changed.');
    if (!isId('role', input.roleId)) throw Errors.notFound('role');
    const name = input.name?.trim();
    if (name !== undefined && isBuiltInRole(name.toLowerCase())) throw roleNameTaken(name);
    const permissions = input.permissions === undefined ? undefined : checkedPermissions(ctx, input.permissions);
    try {
      const dto = await this.dataSource.transaction(async (manager) => {
        const role = await this.roles.findForUpdate(manager, scope, input.roleId);
        if (!role) throw Errors.notFound('role');
        if (name !== undefined) role.name = name;
        if (permissions !== undefined) role.permissions = permissions;
        role.updatedAt = new Date();
        await this.roles.update(manager, role);
        const updated = toRoleDto(role);
        await this.outbox.addEvent(manager, {
          type: 'role.updated', orgId: scope.orgId, applicationId: null, data: updated,
          audit: auditFromContext(ctx, 'role.update', { type: 'role', id: role.id }, { name, permissions }), traceparent: ctx.traceparent,
        });
        return updated;
      });
      if (permissions !== undefined) this.broadcasts.membershipChanged({ orgId: scope.orgId, reason: 'role_changed' });
      return dto;
    } catch (error) {
      if (isUniqueViolation(error, 'roles_org_name')) throw roleNameTaken(name ?? '');
      throw error;
    }
  }
}
