import { Subjects, type RequestContext } from '@agentry/contracts';
import { Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { Context, JsonBody, withIds } from '../../core/context.decorator.js';
import { Requires } from '../../core/route-metadata.js';
import { Services } from '../../core/services.client.js';

const S = Subjects.tenancy;

/** Built-in and custom roles. A custom role grants only permissions its author holds. */
@Controller('orgs/:orgId/roles')
export class RolesController {
  constructor(private readonly services: Services) {}

  @Get() @Requires('roles:read', { orgParam: 'orgId' })
  list(@Context() ctx: RequestContext, @Query() query: Record<string, string>) {
    return this.services.call(S.listRoles, ctx, query);
  }

  @Post() @HttpCode(201) @Requires('roles:create', { orgParam: 'orgId' })
  create(@Context() ctx: RequestContext, @JsonBody() body: unknown) {
    return this.services.call(S.createRole, ctx, body);
  }

  @Patch(':roleId') @Requires('roles:update', { orgParam: 'orgId' })
  update(@Context() ctx: RequestContext, @Param('roleId') roleId: string, @JsonBody() body: unknown) {
    return this.services.call(S.updateRole, ctx, withIds(body, { roleId }));
  }

  @Delete(':roleId') @Requires('roles:delete', { orgParam: 'orgId' })
  remove(@Context() ctx: RequestContext, @Param('roleId') roleId: string) {
    return this.services.call(S.deleteRole, ctx, { roleId });
  }
}
