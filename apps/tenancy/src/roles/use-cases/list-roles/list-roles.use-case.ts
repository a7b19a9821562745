import type { ListReply, OrgListQuery, RequestContext, RoleDto } from '@agentry/contracts';
import { cursorScope } from '@agentry/persistence';
import { Injectable } from '@nestjs/common';
import { Cursors, DEFAULT_LIMIT } from '../../../common/cursors.js';
import { orgScopeOf } from '../../../common/org-scope.js';
import { BUILT_IN_ROLE_DTOS, toRoleDto } from '../../role.mapper.js';
import { isBuiltInRole } from '../../role-permissions.js';
import { RolesRepository } from '../../roles.repository.js';

/** The built-in roles first (fixed order), then the org's custom roles, newest first. */
@Injectable()
export class ListRoles {
  constructor(private readonly roles: RolesRepository, private readonly cursors: Cursors) {}

  async execute(ctx: RequestContext, query: OrgListQuery): Promise<ListReply<RoleDto>> {
    const scope = orgScopeOf(ctx, query);
    const listScope = cursorScope('roles', { orgId: scope.orgId });
    const limit = query.limit ?? DEFAULT_LIMIT;
    const after = this.cursors.after(listScope, query.cursor);
    const builtIns = after === undefined ? BUILT_IN_ROLE_DTOS
      : isBuiltInRole(after) ? BUILT_IN_ROLE_DTOS.slice(BUILT_IN_ROLE_DTOS.findIndex((r) => r.id === after) + 1)
        : [];
    const customAfter = after !== undefined && !isBuiltInRole(after) ? after : undefined;
    const customs = builtIns.length > limit ? [] : await this.roles.list(scope, customAfter, limit + 1 - builtIns.length);
    const rows = [...builtIns, ...customs.map(toRoleDto)];
    return this.cursors.page(listScope, rows, limit, (role) => role.id, (role) => role);
  }
}
