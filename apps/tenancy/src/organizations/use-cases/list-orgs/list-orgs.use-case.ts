import type { ListOrgsRequest, ListReply, OrgWithRoleDto, RequestContext } from '@agentry/contracts';
import { cursorScope } from '@agentry/persistence';
import { Injectable } from '@nestjs/common';
import { Cursors, DEFAULT_LIMIT } from '../../../common/cursors.js';
import { requireUserId } from '../../../common/org-scope.js';
import { toOrgWithRoleDto } from '../../organization.mapper.js';
import { OrganizationsRepository } from '../../organizations.repository.js';

/** The caller's organizations, each with the caller's role. */
@Injectable()
export class ListOrgs {
  constructor(private readonly orgs: OrganizationsRepository, private readonly cursors: Cursors) {}

  async execute(ctx: RequestContext, query: ListOrgsRequest): Promise<ListReply<OrgWithRoleDto>> {
    const userId = requireUserId(ctx);
    const listScope = cursorScope('orgs', { userId });
    const limit = query.limit ?? DEFAULT_LIMIT;
    const rows = await this.orgs.listForMember(userId, this.cursors.after(listScope, query.cursor), limit + 1);
    return this.cursors.page(listScope, rows, limit, (row) => row.org.id, toOrgWithRoleDto);
  }
}
