import { listReply, requireApplication, type ListReply, type ListWebhookEndpointsRequest, type RequestContext, type WebhookEndpointDto } from '@agentry/contracts';
import { CursorCodec, cursorScope } from '@agentry/persistence';
import { Injectable } from '@nestjs/common';
import { WebhooksConfig } from '../../../config/webhooks.config.js';
import { toEndpointDto } from '../../endpoint.mapper.js';
import { EndpointsRepository } from '../../endpoints.repository.js';

/** The application's endpoints, newest first. */
@Injectable()
export class ListEndpoints {
  private readonly cursors: CursorCodec;

  constructor(private readonly endpoints: EndpointsRepository, config: WebhooksConfig) {
    this.cursors = new CursorCodec(config.CURSOR_SECRET);
  }

  async execute(ctx: RequestContext, input: ListWebhookEndpointsRequest): Promise<ListReply<WebhookEndpointDto>> {
    const scope = requireApplication(ctx);
    const limit = input.limit ?? 20;
    const listScope = cursorScope('webhook_endpoints', { ...scope });
    const afterId = input.cursor ? this.cursors.decode<{ id: string }>(listScope, input.cursor).id : undefined;
    const rows = await this.endpoints.list(scope, limit + 1, afterId);
    const page = rows.slice(0, limit);
    const hasMore = rows.length > limit;
    const last = page[page.length - 1];
    return listReply(page.map(toEndpointDto), hasMore, hasMore && last ? this.cursors.encode(listScope, { id: last.id }) : null);
  }
}
