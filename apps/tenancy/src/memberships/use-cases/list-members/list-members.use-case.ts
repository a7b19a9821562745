import type { ListReply, MemberDto, OrgListQuery, RequestContext } from '@agentry/contracts';
import { cursorScope } from '@agentry/persistence';
import { Injectable } from '@nestjs/common';
import { Cursors, DEFAULT_LIMIT } from '../../../common/cursors.js';
import { orgScopeOf } from '../../../common/org-scope.js';
import { toMemberDto } from '../../member.mapper.js';
import { MembershipsRepository } from '../../memberships.repository.js';
import { UserDirectory } from '../../user-directory.js';

@Injectable()
export class ListMembers {
  constructor(private readonly memberships: MembershipsRepository, private readonly users: UserDirectory, private readonly cursors: Cursors) {}

  async execute(ctx: RequestContext, query: OrgListQuery): Promise<ListReply<MemberDto>> {
    const scope = orgScopeOf(ctx, query);
    const listScope = cursorScope('members', { orgId: scope.orgId });
    const limit = query.limit ?? DEFAULT_LIMIT;
    const rows = await this.memberships.list(scope, this.cursors.after(listScope, query.cursor), limit + 1);
    const users = await this.users.lookup(ctx, rows.slice(0, limit).map((m) => m.userId));
    return this.cursors.page(listScope, rows, limit, (m) => m.userId, (m) => toMemberDto(m, users.get(m.userId)));
  }
}
