import { Subjects, type RequestContext } from '@agentry/contracts';
import { Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { Context, JsonBody, withIds } from '../../core/context.decorator.js';
import { Requires } from '../../core/route-metadata.js';
import { Services } from '../../core/services.client.js';

const S = Subjects.runs;

/** `:agentId` accepts the agent's id or its slug. */
@Controller('agents')
export class AgentsController {
  constructor(private readonly services: Services) {}

  @Get() @Requires('agents:read')
  list(@Context() ctx: RequestContext, @Query() query: Record<string, string>) {
    return this.services.call(S.listAgents, ctx, query);
  }

  @Post() @HttpCode(201) @Requires('agents:create')
  create(@Context() ctx: RequestContext, @JsonBody() body: unknown) {
    return this.services.call(S.createAgent, ctx, body);
  }

  @Get(':agentId') @Requires('agents:read')
  get(@Context() ctx: RequestContext, @Param('agentId') agentId: string) {
    return this.services.call(S.getAgent, ctx, { agentId });
  }

  @Patch(':agentId') @Requires('agents:update')
  update(@Context() ctx: RequestContext, @Param('agentId') agentId: string, @JsonBody() body: unknown) {
    return this.services.call(S.updateAgent, ctx, withIds(body, { agentId }));
  }

  @Delete(':agentId') @Requires('agents:delete')
  remove(@Context() ctx: RequestContext, @Param('agentId') agentId: string) {
    return this.services.call(S.deleteAgent, ctx, { agentId });
  }

  @Get(':agentId/versions') @Requires('agents:read')
  versions(@Context() ctx: RequestContext, @Param('agentId') agentId: string, @Query() query: Record<string, string>) {
    return this.services.call(S.listVersions, ctx, { ...query, agentId });
  }

  @Post(':agentId/versions') @HttpCode(201) @Requires('agents:publish')
  publish(@Context() ctx: RequestContext, @Param('agentId') agentId: string, @JsonBody() body: unknown) {
    return this.services.call(S.publishVersion, ctx, withIds(body, { agentId }));
  }
}
