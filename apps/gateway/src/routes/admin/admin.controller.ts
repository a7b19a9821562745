import { AuditSubjects, Subjects, type ImpersonationDto, type RequestContext, type SessionIssuedReply } from '@agentry/contracts';
import { Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { GatewayConfig } from '../../config/gateway.config.js';
import { Context, JsonBody } from '../../core/context.decorator.js';
import type { GatewayReply } from '../../core/gateway-request.js';
import { PlatformAdmin, UserLevel } from '../../core/route-metadata.js';
import { PLATFORM_TRAIL } from '../../edge/support-access-recorder.js';
import { Services } from '../../core/services.client.js';
import { clearSessionCookies, setSessionCookies } from '../auth/session-cookies.js';

/** Platform administration: dashboard sessions of the users listed in PLATFORM_ADMINS. */
@Controller('admin')
export class AdminController {
  constructor(private readonly services: Services, private readonly config: GatewayConfig) {}

  /** The platform's own trail: impersonations, platform kill switches, support requests outside any org. Same filters as `/audit-events`. */
  @Get('audit-events') @PlatformAdmin('platform:audit')
  auditEvents(@Context() ctx: RequestContext, @Query() query: Record<string, string>) {
    return this.services.call(AuditSubjects.listEvents, { ...ctx, orgId: PLATFORM_TRAIL, applicationId: undefined }, query);
  }

  /** Every live org on the platform, newest first. */
  @Get('orgs') @PlatformAdmin('platform:orgs')
  orgs(@Context() ctx: RequestContext, @Query() query: Record<string, string>) {
    return this.services.call(Subjects.tenancy.listAllOrgs, ctx, query);
  }

  /**
   * Body `{userId, reason, minutes ≤ 30}`: this browser becomes a support session acting as that
   * user (the cookies are replaced; log in again afterwards). Every request it makes is audited
   * with the admin and answers `Agentry-Impersonation: imp_…`.
   */
  @Post('impersonations') @HttpCode(201) @PlatformAdmin('platform:impersonate')
  async impersonate(@Context() ctx: RequestContext, @JsonBody() body: unknown, @Res({ passthrough: true }) reply: GatewayReply) {
    const started = await this.services.call<{ impersonation: ImpersonationDto; session: SessionIssuedReply }>(Subjects.identity.startImpersonation, ctx, body);
    setSessionCookies(reply, started.session, this.config.COOKIE_SECURE);
    return { ...started.impersonation, csrfToken: started.session.csrfToken };
  }

  /** By a platform admin, or from within the support session itself (which then ends here). */
  @Delete('impersonations/:id') @UserLevel()
  async endImpersonation(@Context() ctx: RequestContext, @Param('id') id: string, @Res({ passthrough: true }) reply: GatewayReply) {
    const ended = await this.services.call<ImpersonationDto>(Subjects.identity.endImpersonation, ctx, { id });
    if (ctx.impersonator?.impersonationId === id) clearSessionCookies(reply, this.config.COOKIE_SECURE);
    return ended;
  }

  @Get('kill-switch') @PlatformAdmin('platform:kill-switch')
  killSwitch(@Context() ctx: RequestContext) {
    return this.services.call(Subjects.runs.getPlatformKillSwitch, ctx, {});
  }

  /** Body `{reason}`: every queued and running run on the platform is cancelled; new runs get 503 until DELETE. */
  @Put('kill-switch') @PlatformAdmin('platform:kill-switch')
  engageKillSwitch(@Context() ctx: RequestContext, @JsonBody() body: unknown) {
    return this.services.call(Subjects.runs.engagePlatformKillSwitch, ctx, body);
  }

  @Delete('kill-switch') @PlatformAdmin('platform:kill-switch')
  releaseKillSwitch(@Context() ctx: RequestContext) {
    return this.services.call(Subjects.runs.releasePlatformKillSwitch, ctx, {});
  }
}
