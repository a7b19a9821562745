import { Errors, isId, requireApplication, type RequestContext, type RetryWebhookMessageRequest, type WebhookMessageDto } from '@agentry/contracts';
import { OutboxWriter } from '@agentry/messaging';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DispatchSignal } from '../../../common/dispatch-signal.js';
import { endpointChanged } from '../../../endpoints/endpoint-events.js';
import { toEndpointDto } from '../../../endpoints/endpoint.mapper.js';
import { EndpointsRepository } from '../../../endpoints/endpoints.repository.js';
import { toMessageDto } from '../../message.mapper.js';
import { MessagesRepository } from '../../messages.repository.js';

/** Makes a message due now, whatever its status: same id, same bytes, one more attempt. */
@Injectable()
export class RetryMessage {
  constructor(
    private readonly dataSource: DataSource,
    private readonly endpoints: EndpointsRepository,
    private readonly messages: MessagesRepository,
    private readonly outbox: OutboxWriter,
    private readonly signal: DispatchSignal,
  ) {}

  async execute(ctx: RequestContext, input: RetryWebhookMessageRequest): Promise<WebhookMessageDto> {
    const scope = requireApplication(ctx);
    if (!isId('whk', input.id) || !isId('msg', input.msgId)) throw Errors.notFound('webhook message');
    const message = await this.dataSource.transaction(async (manager) => {
      const endpoint = await this.endpoints.findForUpdate(manager, scope, input.id);
      const due = endpoint ? await this.messages.makeDueNow(manager, scope, endpoint.id, input.msgId) : null;
      if (!endpoint || !due) throw Errors.notFound('webhook message');
      await this.outbox.addEvent(manager, endpointChanged(ctx, 'webhook.message_retried', 'webhook.retry', { ...toEndpointDto(endpoint), ...scope }, { messageId: due.id }));
      return due;
    });
    this.signal.raise();
    const attempts = await this.messages.attemptsFor([message.id]);
    return toMessageDto(message, attempts.get(message.id) ?? []);
  }
}
