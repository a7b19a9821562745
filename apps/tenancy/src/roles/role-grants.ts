import { appError, Errors, isId, type RequestContext } from '@agentry/contracts';
import type { OrgScope } from '@agentry/persistence';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { assignmentRefusal } from '../memberships/member-rules.js';
import { isBuiltInRole, permissionsOfRole } from './role-permissions.js';
import { RolesRepository } from './roles.repository.js';

/**
 * Checks a role someone is about to be given: it exists in this org (a built-in name or one of
 * its custom roles), the actor's own role may assign it, and it grants nothing the actor lacks,
 * so an admin cannot hand out a custom role carrying `org:delete`.
 */
@Injectable()
export class RoleGrants {
  constructor(private readonly roles: RolesRepository) {}

  async assertAssignable(manager: EntityManager, ctx: RequestContext, scope: OrgScope, actorRole: string, role: string): Promise<void> {
    // A custom role is read FOR SHARE: deleting it waits for this transaction and then sees it in use.
    const custom = isBuiltInRole(role) ? null : isId('role', role) ? await this.roles.findForShare(manager, scope, role) : null;
    if (!isBuiltInRole(role) && !custom) {
      throw Errors.validation([{ field: 'role', code: 'unknown_role', message: `role must be admin, member, viewer or the id (role_…) of one of this organization's custom roles.` }]);
    }
    const refusal = assignmentRefusal(actorRole, role);
    if (refusal) throw refusal;
    const granted = custom ? custom.permissions : permissionsOfRole(role, null);
    const held = new Set(ctx.permissions);
    const beyond = granted.filter((p) => !held.has(p));
    if (beyond.length > 0) {
      throw appError(403, 'insufficient_role', `That role grants permissions you do not hold: ${beyond.join(', ')}.`, { permissions: beyond });
    }
  }
}
