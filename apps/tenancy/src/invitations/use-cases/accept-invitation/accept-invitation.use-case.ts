import { appError, auditFromContext, Errors, type InvitationTokenRequest, type OrgWithRoleDto, type RequestContext } from '@agentry/contracts';
import { OutboxWriter } from '@agentry/messaging';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { refuseSupportSession, requireUserId } from '../../../common/org-scope.js';
import { TenancyBroadcasts } from '../../../common/tenancy-broadcasts.js';
import { MembershipEntity } from '../../../memberships/entities/membership.entity.js';
import { toMemberEventData } from '../../../memberships/member.mapper.js';
import { MembershipsRepository } from '../../../memberships/memberships.repository.js';
import { UserDirectory } from '../../../memberships/user-directory.js';
import { toOrgDto } from '../../../organizations/organization.mapper.js';
import { OrganizationsRepository } from '../../../organizations/organizations.repository.js';
import { hashInvitationToken } from '../../invitation-token.js';
import { unusable } from '../../invitation.mapper.js';
import { InvitationsRepository } from '../../invitations.repository.js';

/**
 * `POST /invitations/{token}/accept` (a session whose email is the invited one). The invitation
 * row is locked, so of two concurrent accepts one joins and the other gets 410 `invitation_used`.
 */
@Injectable()
export class AcceptInvitation {
  constructor(
    private readonly dataSource: DataSource,
    private readonly invitations: InvitationsRepository,
    private readonly memberships: MembershipsRepository,
    private readonly orgs: OrganizationsRepository,
    private readonly users: UserDirectory,
    private readonly outbox: OutboxWriter,
    private readonly broadcasts: TenancyBroadcasts,
  ) {}

  async execute(ctx: RequestContext, input: InvitationTokenRequest): Promise<OrgWithRoleDto> {
    const userId = requireUserId(ctx);
    refuseSupportSession(ctx);
    const user = (await this.users.lookup(ctx, [userId])).get(userId);
    if (!user) throw appError(401, 'unauthenticated', 'Log in again.');
    const result = await this.dataSource.transaction(async (manager) => {
      const invitation = await this.invitations.findByTokenHash(hashInvitationToken(input.token), manager, true);
      if (!invitation) throw Errors.notFound('invitation');
      const refusal = unusable(invitation);
      if (refusal) throw refusal;
      if (invitation.email !== user.email) throw appError(403, 'invitation_email_mismatch', 'This invitation is for another email address.');
      const org = await this.orgs.findLiveForUpdate(manager, invitation.orgId);
      if (!org) throw Errors.notFound('invitation');
      const scope = { orgId: org.id };
      if (await this.memberships.find(manager, scope, userId)) throw appError(409, 'already_member', 'You are already a member of this organization.');
      const now = new Date();
      const membership = Object.assign(new MembershipEntity(), { orgId: org.id, userId, role: invitation.role, createdAt: now, updatedAt: now });
      await this.memberships.insert(manager, membership);
      Object.assign(invitation, { acceptedAt: now, acceptedBy: userId });
      await this.invitations.markAccepted(manager, invitation);
      await this.outbox.addEvent(manager, {
        type: 'member.added', orgId: org.id, applicationId: null, data: toMemberEventData(membership),
        audit: auditFromContext({ ...ctx, orgId: org.id }, 'invitation.accept', { type: 'invitation', id: invitation.id }, { role: invitation.role }),
        traceparent: ctx.traceparent,
      });
      return { org, role: invitation.role };
    });
    this.broadcasts.membershipChanged({ orgId: result.org.id, userId, reason: 'member_added' });
    return { ...toOrgDto(result.org), role: result.role };
  }
}
