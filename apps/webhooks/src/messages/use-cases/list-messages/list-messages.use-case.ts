import { Errors, isId, listReply, requireApplication, type ListReply, type ListWebhookMessagesRequest, type RequestContext, type WebhookMessageDto } from '@agentry/contracts';
import { CursorCodec, cursorScope } from '@agentry/persistence';
import { Injectable } from '@nestjs/common';
import { WebhooksConfig } from '../../../config/webhooks.config.js';
import { EndpointsRepository } from '../../../endpoints/endpoints.repository.js';
import { toMessageDto } from '../../message.mapper.js';
import { MessagesRepository } from '../../messages.repository.js';

/** An endpoint's delivery log, newest first, each message with its attempts. */
@Injectable()
export class ListMessages {
  private readonly cursors: CursorCodec;

  constructor(private readonly endpoints: EndpointsRepository, private readonly messages: MessagesRepository, config: WebhooksConfig) {
    this.cursors = new CursorCodec(config.CURSOR_SECRET);
  }

  async execute(ctx: RequestContext, input: ListWebhookMessagesRequest): Promise<ListReply<WebhookMessageDto>> {
    const scope = requireApplication(ctx);
    const endpoint = isId('whk', input.id) ? await this.endpoints.findById(scope, input.id) : null;
    if (!endpoint) throw Errors.notFound('webhook endpoint');
    const limit = input.limit ?? 20;
    const listScope = cursorScope('webhook_messages', { ...scope, endpointId: endpoint.id }, { status: input.status });
    const afterId = input.cursor ? this.cursors.decode<{ id: string }>(listScope, input.cursor).id : undefined;
    const rows = await this.messages.listForEndpoint(scope, endpoint.id, limit + 1, afterId, input.status);
    const page = rows.slice(0, limit);
    const attempts = await this.messages.attemptsFor(page.map((m) => m.id));
    const hasMore = rows.length > limit;
    const last = page[page.length - 1];
    return listReply(
      page.map((m) => toMessageDto(m, attempts.get(m.id) ?? [])),
      hasMore,
      hasMore && last ? this.cursors.encode(listScope, { id: last.id }) : null,
    );
  }
}
