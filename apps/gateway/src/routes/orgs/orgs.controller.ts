import { Subjects, type RequestContext } from '@agentry/contracts';
import { Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
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

  @Patch(':orgId') @Requires('org:update', { orgParam: 'orgId' })
  update(@Context() ctx: RequestContext, @JsonBody() body: unknown) {
    return this.services.call(Subjects.tenancy.updateOrg, ctx, body);
  }

  /** The owner only (org:delete); 409 `runs_in_flight` while runs are queued or running. */
  @Delete(':orgId') @Requires('org:delete', { orgParam: 'orgId' })
  remove(@Context() ctx: RequestContext) {
    return this.services.call(Subjects.tenancy.deleteOrg, ctx, {});
  }

  /** Body `{userId}`: that member becomes the owner, the caller an admin. */
  @Post(':orgId/transfer') @HttpCode(200) @Requires('org:transfer', { orgParam: 'orgId' })
  transfer(@Context() ctx: RequestContext, @JsonBody() body: unknown) {
    return this.services.call(Subjects.tenancy.transferOrg, ctx, body);
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

  /** Emergency controls work while the org is throttled, like quota administration. */
  @Get(':orgId/kill-switch') @Requires('kill-switch:read', { orgParam: 'orgId', outsideOrgLimit: true })
  killSwitch(@Context() ctx: RequestContext) {
    return this.services.call(Subjects.runs.getKillSwitch, ctx, {});
  }

  /** Body `{reason}`: cancels every queued and running run of the org; new runs get 503 until DELETE. */
  @Put(':orgId/kill-switch') @Requires('kill-switch:engage', { orgParam: 'orgId', outsideOrgLimit: true })
  engageKillSwitch(@Context() ctx: RequestContext, @JsonBody() body: unknown) {
    return this.services.call(Subjects.runs.engageKillSwitch, ctx, body);
  }

  @Delete(':orgId/kill-switch') @Requires('kill-switch:release', { orgParam: 'orgId', outsideOrgLimit: true })
  releaseKillSwitch(@Context() ctx: RequestContext) {
    return this.services.call(Subjects.runs.releaseKillSwitch, ctx, {});
  }

  /** Tenancy broadcasts the change; every gateway replica forgets its cached limit. */
  @Patch(':orgId/quotas') @Requires('quotas:update', { orgParam: 'orgId', outsideOrgLimit: true })
  updateQuotas(@Context() ctx: RequestContext, @JsonBody() body: unknown) {
    return this.services.call(Subjects.tenancy.updateQuotas, ctx, body);
  }
}
