import { Subjects, type RequestContext } from '@agentry/contracts';
import { Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { Context, JsonBody } from '../../core/context.decorator.js';
import { Requires, UserLevel } from '../../core/route-metadata.js';
import { Services } from '../../core/services.client.js';

@Controller('orgs')
export class OrgsController {
  constructor(private readonly services: Services) {}

  @Get() @UserLevel()
  list(@Context() ctx: RequestContext, @Query() query: Record<string, string>) {
    return this.services.call(Subjects.tenancy.listOrgs, ctx, query);
  }

  @Post() @HttpCode(201) @UserLevel()
  create(@Context() ctx: RequestContext, @JsonBody() body: unknown) {
    return this.services.call(Subjects.tenancy.createOrg, ctx, body);
  }

  @Get(':orgId') @Requires('org:read', { orgParam: 'orgId' })
  get(@Context() ctx: RequestContext, @Param('orgId') orgId: string) {
    return this.services.call(Subjects.tenancy.getOrg, ctx, { orgId });
  }

  @Get(':orgId/members') @Requires('members:read', { orgParam: 'orgId' })
  members(@Context() ctx: RequestContext, @Query() query: Record<string, string>) {
    return this.services.call(Subjects.tenancy.listMembers, ctx, query);
  }

  @Get(':orgId/settings') @Requires('settings:read', { orgParam: 'orgId', outsideOrgLimit: true })
  settings(@Context() ctx: RequestContext) {
    return this.services.call(Subjects.tenancy.getSettings, ctx, {});
  }

  @Patch(':orgId/settings') @Requires('settings:update', { orgParam: 'orgId', outsideOrgLimit: true })
  updateSettings(@Context() ctx: RequestContext, @JsonBody() body: unknown) {
    return this.services.call(Subjects.tenancy.updateSettings, ctx, body);
  }

  @Get(':orgId/quotas') @Requires('quotas:read', { orgParam: 'orgId', outsideOrgLimit: true })
  quotas(@Context() ctx: RequestContext) {
    return this.services.call(Subjects.tenancy.getQuotas, ctx, {});
  }

  /** Tenancy broadcasts the change; every gateway replica forgets its cached limit. */
  @Patch(':orgId/quotas') @Requires('quotas:update', { orgParam: 'orgId', outsideOrgLimit: true })
  updateQuotas(@Context() ctx: RequestContext, @JsonBody() body: unknown) {
    return this.services.call(Subjects.tenancy.updateQuotas, ctx, body);
  }
}
