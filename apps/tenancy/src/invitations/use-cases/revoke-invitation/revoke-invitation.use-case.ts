import { appError, auditFromContext, Errors, isId, type InvitationDto, type InvitationIdRequest, type RequestContext } from '@agentry/contracts';
import { OutboxWriter } from '@agentry/messaging';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { orgScopeOf } from '../../../common/org-scope.js';
import { invitationStatus, toInvitationDto } from '../../invitation.mapper.js';
import { InvitationsRepository } from '../../invitations.repository.js';

/** `DELETE /orgs/{orgId}/invitations/{id}`: a pending (or expired) invitation can no longer be accepted. */
@Injectable()
export class RevokeInvitation {
  constructor(private readonly dataSource: DataSource, private readonly invitations: InvitationsRepository, private readonly outbox: OutboxWriter) {}

  async execute(ctx: RequestContext, input: InvitationIdRequest): Promise<InvitationDto> {
    const scope = orgScopeOf(ctx, input);
    if (!isId('inv', input.id)) throw Errors.notFound('invitation');
    return this.dataSource.transaction(async (manager) => {
      const invitation = await this.invitations.findForUpdate(manager, scope, input.id);
      if (!invitation) throw Errors.notFound('invitation');
      const status = invitationStatus(invitation);
      if (status === 'accepted') throw appError(409, 'invitation_used', 'This invitation was already accepted; remove the member instead.');
      if (status === 'revoked') return toInvitationDto(invitation);
      invitation.revokedAt = new Date();
      await this.invitations.markRevoked(manager, invitation);
      await this.outbox.addEvent(manager, {
        type: 'invitation.revoked', orgId: scope.orgId, applicationId: null, data: toInvitationDto(invitation),
        audit: auditFromContext(ctx, 'invitation.revoke', { type: 'invitation', id: invitation.id }, { email: invitation.email }), traceparent: ctx.traceparent,
      });
      return toInvitationDto(invitation);
    });
  }
}
