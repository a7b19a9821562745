import { ALL_PERMISSIONS, AuditSubjects, BUILT_IN_ROLE_PERMISSIONS, type RequestContext } from '@agentry/contracts';
import { Controller, Get, Query } from '@nestjs/common';
import { Context } from '../../core/context.decorator.js';
import { Public, Requires } from '../../core/route-metadata.js';
import { Services } from '../../core/services.client.js';

@Controller()
export class AuditController {
  constructor(private readonly services: Services) {}

  @Get('audit-events') @Requires('audit:read')
  list(@Context() ctx: RequestContext, @Query() query: Record<string, string>) {
    return this.services.call(AuditSubjects.listEvents, ctx, query);
  }

  /** Walks the org's hash chain: `{valid, checked, firstInvalidId}`. */
  @Get('audit-events/verify') @Requires('audit:verify')
  verify(@Context() ctx: RequestContext) {
    return this.services.call(AuditSubjects.verifyChain, ctx, {});
  }

  /** The permission catalogue and what each built-in role holds. */
  @Get('permissions') @Public()
  permissions() {
    return { object: 'permission_catalogue', permissions: ALL_PERMISSIONS, roles: BUILT_IN_ROLE_PERMISSIONS };
  }
}
