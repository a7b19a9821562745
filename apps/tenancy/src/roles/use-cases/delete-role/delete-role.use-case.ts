import { appError, auditFromContext, Errors, isId, type RequestContext, type RoleRefRequest } from '@agentry/contracts';
import { OutboxWriter } from '@agentry/messaging';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { orgScopeOf } from '../../../common/org-scope.js';
import { isBuiltInRole } from '../../role-permissions.js';
import { RolesRepository } from '../../roles.repository.js';

/** Deletes a custom role nobody holds and no pending invitation would give (else 409 `role_in_use`). */
@Injectable()
export class DeleteRole {
  constructor(private readonly dataSource: DataSource, private readonly roles: RolesRepository, private readonly outbox: OutboxWriter) {}

  async execute(ctx: RequestContext, input: RoleRefRequest): Promise<{ id: string; object: 'role'; deleted: true }> {
    const scope = orgScopeOf(ctx, input);
    if (isBuiltInRole(input.roleId)) throw appError(409, 'built_in_role', 'Built-in roles cannot be deleted.');
    if (!isId('role', input.roleId)) throw Errors.notFound('role');
    await this.dataSource.transaction(async (manager) => {
      const role = await this.roles.findForUpdate(manager, scope, input.roleId);
      if (!role) throw Errors.notFound('role');
      const usage = await this.roles.usage(manager, scope, role.id);
      if (usage.members > 0 || usage.invitations > 0) {
        throw appError(409, 'role_in_use', `The role is held by ${usage.members} member(s) and offered by ${usage.invitations} pending invitation(s); reassign them first.`, usage);
      }
      await this.roles.remove(manager, scope, role.id);
      await this.outbox.addEvent(manager, {
        type: 'role.deleted', orgId: scope.orgId, applicationId: null, data: { id: role.id, object: 'role', name: role.name },
        audit: auditFromContext(ctx, 'role.delete', { type: 'role', id: role.id }, { name: role.name }), traceparent: ctx.traceparent,
      });
    });
    return { id: input.roleId, object: 'role', deleted: true };
  }
}
