import { Subjects, type RequestContext } from '@agentry/contracts';
import { Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { Context, JsonBody, withIds } from '../../core/context.decorator.js';
import { Requires } from '../../core/route-metadata.js';
import { Services } from '../../core/services.client.js';

const S = Subjects.tenancy;

@Controller('applications')
export class ApplicationsController {
  constructor(private readonly services: Services) {}

  @Get() @Requires('applications:read')
  list(@Context() ctx: RequestContext, @Query() query: Record<string, string>) {
    return this.services.call(S.listApplications, ctx, query);
  }

  @Post() @HttpCode(201) @Requires('applications:create')
  create(@Context() ctx: RequestContext, @JsonBody() body: unknown) {
    return this.services.call(S.createApplication, ctx, body);
  }

  @Get(':id') @Requires('applications:read')
  get(@Context() ctx: RequestContext, @Param('id') id: string) {
    return this.services.call(S.getApplication, ctx, { id });
  }

  @Patch(':id') @Requires('applications:update')
  update(@Context() ctx: RequestContext, @Param('id') id: string, @JsonBody() body: unknown) {
    return this.services.call(S.updateApplication, ctx, withIds(body, { id }));
  }

  @Delete(':id') @Requires('applications:delete')
  remove(@Context() ctx: RequestContext, @Param('id') id: string) {
    return this.services.call(S.deleteApplication, ctx, { id });
  }
}
