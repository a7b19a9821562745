import { Subjects, type RequestContext } from '@agentry/contracts';
import { Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { Context, JsonBody, withIds } from '../../core/context.decorator.js';
import { Requires } from '../../core/route-metadata.js';
import { Services } from '../../core/services.client.js';

const S = Subjects.identity;

@Controller('end-users')
export class EndUsersController {
  constructor(private readonly services: Services) {}

  @Get() @Requires('end-users:read')
  list(@Context() ctx: RequestContext, @Query() query: Record<string, string>) {
    return this.services.call(S.listEndUsers, ctx, query);
  }

  @Post() @HttpCode(201) @Requires('end-users:create')
  create(@Context() ctx: RequestContext, @JsonBody() body: unknown) {
    return this.services.call(S.createEndUser, ctx, body);
  }

  @Get(':id') @Requires('end-users:read')
  get(@Context() ctx: RequestContext, @Param('id') id: string) {
    return this.services.call(S.getEndUser, ctx, { id });
  }

  @Patch(':id') @Requires('end-users:update')
  update(@Context() ctx: RequestContext, @Param('id') id: string, @JsonBody() body: unknown) {
    return this.services.call(S.updateEndUser, ctx, withIds(body, { id }));
  }

  @Delete(':id') @Requires('end-users:delete')
  remove(@Context() ctx: RequestContext, @Param('id') id: string) {
    return this.services.call(S.deleteEndUser, ctx, { id });
  }
}
