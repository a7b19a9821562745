import { auditFromContext, Errors, isId, type MemberDto, type RequestContext, type UpdateMemberRequest } from '@agentry/contracts';
import { OutboxWriter } from '@agentry/messaging';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { orgScopeOf, requireUserId } from '../../../common/org-scope.js';
import { TenancyBroadcasts } from '../../../common/tenancy-broadcasts.js';
import { RoleGrants } from '../../../roles/role-grants.js';
import { managementRefusal } from '../../member-rules.js';
import { toMemberDto, toMemberEventData } from '../../member.mapper.js';
import { MembershipsRepository } from '../../memberships.repository.js';
import { UserDirectory } from '../../user-directory.js';

/** `PATCH /orgs/{orgId}/members/{userId} {role}`, within the rules of member-rules.ts; the new permissions apply at once. */
@Injectable()
export class UpdateMember {
  constructor(
    private readonly dataSource: DataSource,
    private readonly memberships: MembershipsRepository,
    private readonly grants: RoleGrants,
    private readonly users: UserDirectory,
    private readonly outbox: OutboxWriter,
    private readonly broadcasts: TenancyBroadcasts,
  ) {}

  async execute(ctx: RequestContext, input: UpdateMemberRequest): Promise<MemberDto> {
    const scope = orgScopeOf(ctx, input);
    const actorId = requireUserId(ctx);
    if (!isId('usr', input.userId)) throw Errors.notFound('member');
    const updated = await this.dataSource.transaction(async (manager) => {
      const { actor, target } = await this.memberships.lockPair(manager, scope, actorId, input.userId);
      if (!actor || !target) throw Errors.notFound('member');
      const refusal = managementRefusal(actor, target);
      if (refusal) throw refusal;
      if (target.role === input.role) return target;
      await this.grants.assertAssignable(manager, ctx, scope, actor.role, input.role);
      const previous = target.role;
      target.role = input.role;
      await this.memberships.updateRole(manager, scope, target.userId, target.role);
      await this.outbox.addEvent(manager, {
        type: 'member.updated', orgId: scope.orgId, applicationId: null, data: toMemberEventData(target),
        audit: auditFromContext(ctx, 'member.update_role', { type: 'member', id: target.userId }, { from: previous, to: target.role }),
        traceparent: ctx.traceparent,
      });
      return target;
    });
    this.broadcasts.membershipChanged({ orgId: scope.orgId, userId: updated.userId, reason: 'member_updated' });
    const users = await this.users.lookup(ctx, [updated.userId]).catch(() => new Map());
    return toMemberDto(updated, users.get(updated.userId));
  }
}
