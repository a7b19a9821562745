import { Subjects, type RequestContext } from '@agentry/contracts';
import { Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { Context, JsonBody, NoBody } from '../../core/context.decorator.js';
import { Public, Requires, UserLevel } from '../../core/route-metadata.js';
import { Services } from '../../core/services.client.js';

const S = Subjects.tenancy;

/** Inviting people into an org, and the invitee's side (the token from the invitation link). */
@Controller()
export class InvitationsController {
  constructor(private readonly services: Services) {}

  @Get('orgs/:orgId/invitations') @Requires('invitations:read', { orgParam: 'orgId' })
  list(@Context() ctx: RequestContext, @Query() query: Record<string, string>) {
    return this.services.call(S.listInvitations, ctx, query);
  }

  /** Body `{email, role}`; the answer carries the token once. */
  @Post('orgs/:orgId/invitations') @HttpCode(201) @Requires('members:invite', { orgParam: 'orgId' })
  create(@Context() ctx: RequestContext, @JsonBody() body: unknown) {
    return this.services.call(S.createInvitation, ctx, body);
  }

  @Delete('orgs/:orgId/invitations/:id') @Requires('invitations:revoke', { orgParam: 'orgId' })
  revoke(@Context() ctx: RequestContext, @Param('id') id: string) {
    return this.services.call(S.revokeInvitation, ctx, { id });
  }

  /** Public, and counted per client IP like the other unauthenticated routes. */
  @Get('invitations/:token') @Public({ authRoute: true })
  preview(@Context() ctx: RequestContext, @Param('token') token: string) {
    return this.services.call(S.previewInvitation, ctx, { token });
  }

  @Post('invitations/:token/accept') @HttpCode(200) @UserLevel()
  accept(@Context() ctx: RequestContext, @Param('token') token: string, @NoBody() _body: void) {
    return this.services.call(S.acceptInvitation, ctx, { token });
  }
}
