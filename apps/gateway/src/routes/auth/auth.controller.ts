import { Subjects, type RequestContext, type SessionIssuedReply } from '@agentry/contracts';
import { Controller, Delete, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { GatewayConfig } from '../../config/gateway.config.js';
import { Context, JsonBody, NoBody } from '../../core/context.decorator.js';
import type { GatewayReply, GatewayRequest } from '../../core/gateway-request.js';
import { Public, UserLevel } from '../../core/route-metadata.js';
import { Services } from '../../core/services.client.js';
import { Authenticator } from '../../edge/authenticator.js';
import { clearSessionCookies, setSessionCookies } from './session-cookies.js';

@Controller()
export class AuthController {
  constructor(private readonly services: Services, private readonly auth: Authenticator, private readonly config: GatewayConfig) {}

  @Post('auth/signup') @HttpCode(201) @Public({ authRoute: true })
  async signup(@Context() ctx: RequestContext, @JsonBody() body: unknown, @Res({ passthrough: true }) reply: GatewayReply) {
    const issued = await this.services.call<SessionIssuedReply>(Subjects.identity.signup, ctx, body);
    setSessionCookies(reply, issued, this.config.COOKIE_SECURE);
    return { user: issued.user, csrfToken: issued.csrfToken };
  }

  @Post('auth/login') @HttpCode(200) @Public({ authRoute: true })
  async login(@Context() ctx: RequestContext, @JsonBody() body: unknown, @Res({ passthrough: true }) reply: GatewayReply) {
    const issued = await this.services.call<SessionIssuedReply>(Subjects.identity.login, ctx, body);
    setSessionCookies(reply, issued, this.config.COOKIE_SECURE);
    return { user: issued.user, csrfToken: issued.csrfToken };
  }

  @Post('auth/logout') @HttpCode(204) @UserLevel()
  async logout(@Context() ctx: RequestContext, @Req() request: GatewayRequest, @Res({ passthrough: true }) reply: GatewayReply, @NoBody() _body: void) {
    await this.services.call(Subjects.identity.logout, ctx, {});
    if (request.edge.sessionToken) this.auth.forgetSession(request.edge.sessionToken);
    clearSessionCookies(reply, this.config.COOKIE_SECURE);
  }

  @Get('me') @UserLevel()
  async me(@Context() ctx: RequestContext) {
    const [user, memberships] = await Promise.all([
      this.services.call<Record<string, unknown>>(Subjects.identity.getMe, ctx, {}),
      this.services.call<{ data: unknown[] }>(Subjects.tenancy.listMemberships, ctx, { userId: ctx.principal.userId }),
    ]);
    return { ...user, memberships: memberships.data, ...(ctx.impersonator ? { impersonator: ctx.impersonator } : {}) };
  }

  @Get('me/sessions') @UserLevel()
  sessions(@Context() ctx: RequestContext, @Query() query: Record<string, string>) {
    return this.services.call(Subjects.identity.listSessions, ctx, query);
  }

  @Delete('me/sessions/:id') @HttpCode(204) @UserLevel()
  async revokeSession(@Context() ctx: RequestContext, @Param('id') id: string) {
    await this.services.call(Subjects.identity.revokeSession, ctx, { id });
  }
}
