import { auditFromContext, Errors, isId, type MemberRefRequest, type RequestContext } from '@agentry/contracts';
import { OutboxWriter } from '@agentry/messaging';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { orgScopeOf, requireUserId } from '../../../common/org-scope.js';
import { TenancyBroadcasts } from '../../../common/tenancy-broadcasts.js';
import { managementRefusal } from '../../member-rules.js';
import { toMemberEventData } from '../../member.mapper.js';
import { MembershipsRepository } from '../../memberships.repository.js';

/**
 * `DELETE /orgs/{orgId}/members/{userId}`. The removed user loses the org on their next request,
 * and so do the API keys they created (a key whose creator left the org answers 401).
 */
@Injectable()
export class RemoveMember {
  constructor(
    private readonly dataSource: DataSource,
    private readonly memberships: MembershipsRepository,
    private readonly outbox: OutboxWriter,
    private readonly broadcasts: TenancyBroadcasts,
  ) {}

  async execute(ctx: RequestContext, input: MemberRefRequest): Promise<{ userId: string; object: 'member'; removed: true }> {
    const scope = orgScopeOf(ctx, input);
    const actorId = requireUserId(ctx);
    if (!isId('usr', input.userId)) throw Errors.notFound('member');
    await this.dataSource.transaction(async (manager) => {
      const { actor, target } = await this.memberships.lockPair(manager, scope, actorId, input.userId);
      if (!actor || !target) throw Errors.notFound('member');
      const refusal = managementRefusal(actor, target);
      if (refusal) throw refusal;
      await this.memberships.remove(manager, scope, target.userId);
      await this.outbox.addEvent(manager, {
        type: 'member.removed', orgId: scope.orgId, applicationId: null, data: toMemberEventData(target),
        audit: auditFromContext(ctx, 'member.remove', { type: 'member', id: target.userId }, { role: target.role }), traceparent: ctx.traceparent,
      });
    });
    this.broadcasts.membershipChanged({ orgId: scope.orgId, userId: input.userId, reason: 'member_removed' });
    return { userId: input.userId, object: 'member', removed: true };
  }
}
