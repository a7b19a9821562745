import { WebhookSubjects, type RequestContext } from '@agentry/contracts';
import { Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { Context, JsonBody, withIds } from '../../core/context.decorator.js';
import { Requires } from '../../core/route-metadata.js';
import { Services } from '../../core/services.client.js';

const S = WebhookSubjects;

@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly services: Services) {}

  @Get() @Requires('webhooks:read')
  list(@Context() ctx: RequestContext, @Query() query: Record<string, string>) {
    return this.services.call(S.listEndpoints, ctx, query);
  }

  @Post() @HttpCode(201) @Requires('webhooks:create')
  create(@Context() ctx: RequestContext, @JsonBody() body: unknown) {
    return this.services.call(S.createEndpoint, ctx, body);
  }

  @Get(':id') @Requires('webhooks:read')
  get(@Context() ctx: RequestContext, @Param('id') id: string) {
    return this.services.call(S.getEndpoint, ctx, { id });
  }

  @Patch(':id') @Requires('webhooks:update')
  update(@Context() ctx: RequestContext, @Param('id') id: string, @JsonBody() body: unknown) {
    return this.services.call(S.updateEndpoint, ctx, withIds(body, { id }));
  }

  @Delete(':id') @Requires('webhooks:delete')
  remove(@Context() ctx: RequestContext, @Param('id') id: string) {
    return this.services.call(S.deleteEndpoint, ctx, { id });
  }

  @Get(':id/messages') @Requires('webhooks:read')
  messages(@Context() ctx: RequestContext, @Param('id') id: string, @Query() query: Record<string, string>) {
    return this.services.call(S.listMessages, ctx, { ...query, id });
  }

  @Post(':id/rotate-secret') @HttpCode(200) @Requires('webhooks:rotate-secret')
  rotateSecret(@Context() ctx: RequestContext, @Param('id') id: string, @JsonBody() body: unknown) {
    return this.services.call(S.rotateSecret, ctx, withIds(body, { id }));
  }

  @Post(':id/test') @HttpCode(202) @Requires('webhooks:update')
  sendTest(@Context() ctx: RequestContext, @Param('id') id: string, @JsonBody() body: unknown) {
    return this.services.call(S.sendTest, ctx, withIds(body, { id }));
  }

  @Post(':id/recover') @HttpCode(202) @Requires('webhooks:replay')
  recover(@Context() ctx: RequestContext, @Param('id') id: string, @JsonBody() body: unknown) {
    return this.services.call(S.recoverMessages, ctx, withIds(body, { id }));
  }

  @Post(':id/messages/:msgId/retry') @HttpCode(202) @Requires('webhooks:replay')
  retry(@Context() ctx: RequestContext, @Param('id') id: string, @Param('msgId') msgId: string, @JsonBody() body: unknown) {
    return this.services.call(S.retryMessage, ctx, withIds(body, { id, msgId }));
  }
}
