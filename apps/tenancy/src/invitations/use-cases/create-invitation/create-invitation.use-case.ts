import {
  auditFromContext, canonicalEmail, Errors, INVITATION_TTL_DAYS, newId, type CreateInvitationRequest, type InvitationWithTokenDto, type RequestContext,
} from '@agentry/contracts';
import { OutboxWriter } from '@agentry/messaging';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { orgScopeOf, requireUserId } from '../../../common/org-scope.js';
import { MembershipsRepository } from '../../../memberships/memberships.repository.js';
import { RoleGrants } from '../../../roles/role-grants.js';
import { InvitationEntity } from '../../entities/invitation.entity.js';
import { newInvitationToken } from '../../invitation-token.js';
import { toInvitationDto } from '../../invitation.mapper.js';
import { InvitationsRepository } from '../../invitations.repository.js';

/**
 * `POST /orgs/{orgId}/invitations {email, role}` (members:invite): a role the inviter may assign.
 * The token is answered once (there is no mail delivery: the inviter passes the link on); a new
 * invitation to the same email replaces a pending one.
 */
@Injectable()
export class CreateInvitation {
  constructor(
    private readonly dataSource: DataSource,
    private readonly invitations: InvitationsRepository,
    private readonly memberships: MembershipsRepository,
    private readonly grants: RoleGrants,
    private readonly outbox: OutboxWriter,
  ) {}

  async execute(ctx: RequestContext, input: CreateInvitationRequest): Promise<InvitationWithTokenDto> {
    const scope = orgScopeOf(ctx, input);
    const actorId = requireUserId(ctx);
    const email = canonicalEmail(input.email);
    const { token, tokenHash } = newInvitationToken();
    const now = new Date();
    const invitation = Object.assign(new InvitationEntity(), {
      id: newId('inv'), orgId: scope.orgId, email, role: input.role, tokenHash, invitedBy: actorId,
      expiresAt: new Date(now.getTime() + INVITATION_TTL_DAYS * 86_400_000), createdAt: now, acceptedAt: null, acceptedBy: null, revokedAt: null,
    });
    await this.dataSource.transaction(async (manager) => {
      // One invitation per org and email at a time: concurrent ones for the same email queue here.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('tenancy.invitation'), hashtext($1))`, [`${scope.orgId} ${email}`]);
      const actor = await this.memberships.find(manager, scope, actorId);
      if (!actor) throw Errors.notFound('organization');
      await this.grants.assertAssignable(manager, ctx, scope, actor.role, input.role);
      await this.invitations.revokePending(manager, scope, email);
      await this.invitations.insert(manager, invitation);
      await this.outbox.addEvent(manager, {
        type: 'invitation.created', orgId: scope.orgId, applicationId: null, data: toInvitationDto(invitation),
        audit: auditFromContext(ctx, 'invitation.create', { type: 'invitation', id: invitation.id }, { email, role: input.role }), traceparent: ctx.traceparent,
      });
    });
    return { ...toInvitationDto(invitation), token };
  }
}
