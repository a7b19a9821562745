import { Subjects, type RequestContext } from '@agentry/contracts';
import { Controller, Delete, Get, Param, Patch, Query } from '@nestjs/common';
import { Context, JsonBody, withIds } from '../../core/context.decorator.js';
import { Requires } from '../../core/route-metadata.js';
import { Services } from '../../core/services.client.js';

const S = Subjects.tenancy;

/** An org's members. Nobody changes their own membership or the owner's; admins manage members, viewers and custom roles. */
@Controller('orgs/:orgId/members')
export class MembersController {
  constructor(private readonly services: Services) {}

  @Get() @Requires('members:read', { orgParam: 'orgId' })
  list(@Context() ctx: RequestContext, @Query() query: Record<string, string>) {
    return this.services.call(S.listMembers, ctx, query);
  }

  /** Body `{role}`: admin, member, viewer or a custom role id. */
  @Patch(':userId') @Requires('members:update-role', { orgParam: 'orgId' })
  update(@Context() ctx: RequestContext, @Param('userId') userId: string, @JsonBody() body: unknown) {
    return this.services.call(S.updateMember, ctx, withIds(body, { userId }));
  }

  @Delete(':userId') @Requires('members:remove', { orgParam: 'orgId' })
  remove(@Context() ctx: RequestContext, @Param('userId') userId: string) {
    return this.services.call(S.removeMember, ctx, { userId });
  }
}
