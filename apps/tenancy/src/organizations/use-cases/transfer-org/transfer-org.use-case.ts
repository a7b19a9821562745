import { appError, auditFromContext, Errors, isId, type OrgWithRoleDto, type RequestContext, type TransferOrgRequest } from '@agentry/contracts';
import { OutboxWriter } from '@agentry/messaging';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { orgScopeOf, requireUserId } from '../../../common/org-scope.js';
import { TenancyBroadcasts } from '../../../common/tenancy-broadcasts.js';
import { MembershipsRepository } from '../../../memberships/memberships.repository.js';
import { toOrgDto } from '../../organization.mapper.js';
import { OrganizationsRepository } from '../../organizations.repository.js';

/** `POST /orgs/{orgId}/transfer {userId}`: the owner hands the org to another member and becomes an admin. */
@Injectable()
export class TransferOrg {
  constructor(
    private readonly dataSource: DataSource,
    private readonly orgs: OrganizationsRepository,
    private readonly memberships: MembershipsRepository,
    private readonly outbox: OutboxWriter,
    private readonly broadcasts: TenancyBroadcasts,
  ) {}

  async execute(ctx: RequestContext, input: TransferOrgRequest): Promise<OrgWithRoleDto> {
    const scope = orgScopeOf(ctx, input);
    const actorId = requireUserId(ctx);
    if (!isId('usr', input.userId)) throw Errors.notFound('member');
    if (input.userId === actorId) throw appError(400, 'already_owner', 'You already own this organization.');
    const org = await this.dataSource.transaction(async (manager) => {
      const live = await this.orgs.findLiveForUpdate(manager, scope.orgId);
      if (!live) throw Errors.notFound('organization');
      const { actor, target } = await this.memberships.lockPair(manager, scope, actorId, input.userId);
      if (!actor) throw Errors.notFound('organization');
      if (actor.role !== 'owner') throw appError(403, 'insufficient_role', 'Only the owner transfers the organization.');
      if (!target) throw Errors.notFound('member');
      await this.memberships.updateRole(manager, scope, target.userId, 'owner');
      await this.memberships.updateRole(manager, scope, actor.userId, 'admin');
      await this.outbox.addEvent(manager, {
        type: 'org.transferred', orgId: scope.orgId, applicationId: null, data: { ...toOrgDto(live), owner: target.userId, previousOwner: actor.userId },
        audit: auditFromContext(ctx, 'org.transfer', { type: 'organization', id: scope.orgId }, { to: target.userId, previousRole: target.role }),
        traceparent: ctx.traceparent,
      });
      return live;
    });
    this.broadcasts.membershipChanged({ orgId: scope.orgId, reason: 'member_updated' });
    return { ...toOrgDto(org), role: 'admin' };
  }
}
