import { Subjects, type RequestContext } from '@agentry/contracts';
import { Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { Context, JsonBody } from '../../core/context.decorator.js';
import { Requires } from '../../core/route-metadata.js';
import { Services } from '../../core/services.client.js';

const S = Subjects.identity;

/** Owned by the end-user when Appstrate-User is sent, else by the dashboard user. */
@Controller('connections')
export class ConnectionsController {
  constructor(private readonly services: Services) {}

  @Get() @Requires('connections:read')
  list(@Context() ctx: RequestContext, @Query() query: Record<string, string>) {
    return this.services.call(S.listConnections, ctx, query);
  }

  @Post() @HttpCode(201) @Requires('connections:create')
  create(@Context() ctx: RequestContext, @JsonBody() body: unknown) {
    return this.services.call(S.createConnection, ctx, body);
  }

  @Delete(':id') @Requires('connections:delete')
  remove(@Context() ctx: RequestContext, @Param('id') id: string) {
    return this.services.call(S.deleteConnection, ctx, { id });
  }
}
