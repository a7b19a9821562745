import type { InvitationDto, ListInvitationsRequest, ListReply, RequestContext } from '@agentry/contracts';
import { cursorScope } from '@agentry/persistence';
import { Injectable } from '@nestjs/common';
import { Cursors, DEFAULT_LIMIT } from '../../../common/cursors.js';
import { orgScopeOf } from '../../../common/org-scope.js';
import { toInvitationDto } from '../../invitation.mapper.js';
import { InvitationsRepository } from '../../invitations.repository.js';

/** Every invitation of the org, newest first, with its status (pending, accepted, revoked, expired). */
@Injectable()
export class ListInvitations {
  constructor(private readonly invitations: InvitationsRepository, private readonly cursors: Cursors) {}

  async execute(ctx: RequestContext, query: ListInvitationsRequest): Promise<ListReply<InvitationDto>> {
    const scope = orgScopeOf(ctx, query);
    const listScope = cursorScope('invitations', { orgId: scope.orgId });
    const limit = query.limit ?? DEFAULT_LIMIT;
    const rows = await this.invitations.list(scope, this.cursors.after(listScope, query.cursor), limit + 1);
    return this.cursors.page(listScope, rows, limit, (row) => row.id, toInvitationDto);
  }
}
