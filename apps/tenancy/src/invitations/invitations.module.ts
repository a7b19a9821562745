import { Module } from '@nestjs/common';
import { CommonModule } from '../common/common.module.js';
import { MembershipsModule } from '../memberships/memberships.module.js';
import { OrganizationsModule } from '../organizations/organizations.module.js';
import { RolesModule } from '../roles/roles.module.js';
import { InvitationsController } from './invitations.controller.js';
import { InvitationsRepository } from './invitations.repository.js';
import { AcceptInvitation } from './use-cases/accept-invitation/accept-invitation.use-case.js';
import { CreateInvitation } from './use-cases/create-invitation/create-invitation.use-case.js';
import { ListInvitations } from './use-cases/list-invitations/list-invitations.use-case.js';
import { PreviewInvitation } from './use-cases/preview-invitation/preview-invitation.use-case.js';
import { RevokeInvitation } from './use-cases/revoke-invitation/revoke-invitation.use-case.js';

@Module({
  imports: [CommonModule, MembershipsModule, OrganizationsModule, RolesModule],
  controllers: [InvitationsController],
  providers: [InvitationsRepository, CreateInvitation, ListInvitations, RevokeInvitation, PreviewInvitation, AcceptInvitation],
})
export class InvitationsModule {}
