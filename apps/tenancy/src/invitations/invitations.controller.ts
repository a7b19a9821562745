import { CreateInvitationRequest, InvitationIdRequest, InvitationTokenRequest, ListInvitationsRequest, Subjects, type RequestContext } from '@agentry/contracts';
import { Ctx, Data, Rpc } from '@agentry/messaging';
import { Controller } from '@nestjs/common';
import { AcceptInvitation } from './use-cases/accept-invitation/accept-invitation.use-case.js';
import { CreateInvitation } from './use-cases/create-invitation/create-invitation.use-case.js';
import { ListInvitations } from './use-cases/list-invitations/list-invitations.use-case.js';
import { PreviewInvitation } from './use-cases/preview-invitation/preview-invitation.use-case.js';
import { RevokeInvitation } from './use-cases/revoke-invitation/revoke-invitation.use-case.js';

const S = Subjects.tenancy;

@Controller()
export class InvitationsController {
  constructor(
    private readonly createInvitation: CreateInvitation,
    private readonly listInvitations: ListInvitations,
    private readonly revokeInvitation: RevokeInvitation,
    private readonly previewInvitation: PreviewInvitation,
    private readonly acceptInvitation: AcceptInvitation,
  ) {}

  @Rpc(S.createInvitation)
  create(@Ctx() ctx: RequestContext, @Data(CreateInvitationRequest) input: CreateInvitationRequest) {
    return this.createInvitation.execute(ctx, input);
  }

  @Rpc(S.listInvitations)
  list(@Ctx() ctx: RequestContext, @Data(ListInvitationsRequest) query: ListInvitationsRequest) {
    return this.listInvitations.execute(ctx, query);
  }

  @Rpc(S.revokeInvitation)
  revoke(@Ctx() ctx: RequestContext, @Data(InvitationIdRequest) input: InvitationIdRequest) {
    return this.revokeInvitation.execute(ctx, input);
  }

  /** Public: anyone holding the token. */
  @Rpc(S.previewInvitation)
  preview(@Data(InvitationTokenRequest) input: InvitationTokenRequest) {
    return this.previewInvitation.execute(input);
  }

  @Rpc(S.acceptInvitation)
  accept(@Ctx() ctx: RequestContext, @Data(InvitationTokenRequest) input: InvitationTokenRequest) {
    return this.acceptInvitation.execute(ctx, input);
  }
}
