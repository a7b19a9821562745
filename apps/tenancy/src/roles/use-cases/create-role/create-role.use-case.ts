import { auditFromContext, newId, type CreateRoleRequest, type RequestContext, type RoleDto } from '@agentry/contracts';
import { OutboxWriter } from '@agentry/messaging';
import { isUniqueViolation } from '@agentry/persistence';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { orgScopeOf } from '../../../common/org-scope.js';
import { RoleEntity } from '../../entities/role.entity.js';
import { checkedPermissions, roleNameTaken } from '../../role-checks.js';
import { isBuiltInRole } from '../../role-permissions.js';
import { toRoleDto } from '../../role.mapper.js';
import { RolesRepository } from '../../roles.repository.js';

/**
 * A custom role: catalogue permissions only, and only ones the creator holds (nobody can mint
 * a role above their own). Names are unique per org, case-insensitively, built-in names included.
 */
@Injectable()
export class CreateRole {
  constructor(private readonly dataSource: DataSource, private readonly roles: RolesRepository, private readonly outbox: OutboxWriter) {}

  async execute(ctx: RequestContext, input: CreateRoleRequest): Promise<RoleDto> {
    const { orgId } = orgScopeOf(ctx, input);
    const name = input.name.trim();
    const permissions = checkedPermissions(ctx, input.permissions);
    if (isBuiltInRole(name.toLowerCase())) throw roleNameTaken(name);
    const now = new Date();
    const role = Object.assign(new RoleEntity(), { id: newId('role'), orgId, name, permissions, createdAt: now, updatedAt: now });
    const dto = toRoleDto(role);
    try {
      await this.dataSource.transaction(async (manager) => {
        await this.roles.insert(manager, role);
        await this.outbox.addEvent(manager, {
          type: 'role.created', orgId, applicationId: null, data: dto,
          audit: auditFromContext(ctx, 'role.create', { type: 'role', id: role.id }, { name, permissions }), traceparent: ctx.traceparent,
        });
      });
    } catch (error) {
      if (isUniqueViolation(error, 'roles_org_name')) throw roleNameTaken(name);
      throw error;
    }
    return dto;
  }
}
