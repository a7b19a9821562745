import { Errors, type InvitationPreviewDto, type InvitationTokenRequest } from '@agentry/contracts';
import { Injectable } from '@nestjs/common';
import { OrganizationsRepository } from '../../../organizations/organizations.repository.js';
import { RolesRepository } from '../../../roles/roles.repository.js';
import { isBuiltInRole } from '../../../roles/role-permissions.js';
import { hashInvitationToken } from '../../invitation-token.js';
import { unusable } from '../../invitation.mapper.js';
import { InvitationsRepository } from '../../invitations.repository.js';

/** `GET /invitations/{token}` (public): what the invitee is about to accept. Unknown tokens → 404. */
@Injectable()
export class PreviewInvitation {
  constructor(private readonly invitations: InvitationsRepository, private readonly orgs: OrganizationsRepository, private readonly roles: RolesRepository) {}

  async execute(input: InvitationTokenRequest): Promise<InvitationPreviewDto> {
    const invitation = await this.invitations.findByTokenHash(hashInvitationToken(input.token));
    if (!invitation) throw Errors.notFound('invitation');
    const refusal = unusable(invitation);
    if (refusal) throw refusal;
    const org = await this.orgs.findLive(invitation.orgId);
    if (!org) throw Errors.notFound('invitation');
    const role = isBuiltInRole(invitation.role) ? invitation.role : ((await this.roles.find({ orgId: org.id }, invitation.role))?.name ?? invitation.role);
    return { object: 'invitation_preview', orgName: org.name, role, email: invitation.email, expiresAt: invitation.expiresAt.toISOString() };
  }
}
