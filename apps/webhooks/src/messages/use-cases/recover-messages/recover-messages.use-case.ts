import { Errors, isId, requireApplication, type RecoverWebhookMessagesRequest, type RequestContext, type WebhookRecoverReply } from '@agentry/contracts';
import { OutboxWriter } from '@agentry/messaging';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DispatchSignal } from '../../../common/dispatch-signal.js';
import { endpointChanged } from '../../../endpoints/endpoint-events.js';
import { toEndpointDto } from '../../../endpoints/endpoint.mapper.js';
import { EndpointsRepository } from '../../../endpoints/endpoints.repository.js';
import { MessagesRepository } from '../../messages.repository.js';

/** After an outage on the receiver's side: every failed message since `since` gets one more attempt, now. */
@Injectable()
export class RecoverMessages {
  constructor(
    private readonly dataSource: DataSource,
    private readonly endpoints: EndpointsRepository,
    private readonly messages: MessagesRepository,
    private readonly outbox: OutboxWriter,
    private readonly signal: DispatchSignal,
  ) {}

  async execute(ctx: RequestContext, input: RecoverWebhookMessagesRequest): Promise<WebhookRecoverReply> {
    const scope = requireApplication(ctx);
    if (!isId('whk', input.id)) throw Errors.notFound('webhook endpoint');
    const since = new Date(input.since);
    // A future `since` would silently recover nothing; say so instead.
    if (since.getTime() > Date.now()) {
      throw Errors.validation([{ field: 'since', code: 'must_be_past', message: 'since must be a date-time in the past' }]);
    }
    const recovered = await this.dataSource.transaction(async (manager) => {
      const endpoint = await this.endpoints.findForUpdate(manager, scope, input.id);
      if (!endpoint) throw Errors.notFound('webhook endpoint');
      const count = await this.messages.recoverFailed(manager, scope, endpoint.id, since);
      await this.outbox.addEvent(manager, endpointChanged(ctx, 'webhook.messages_recovered', 'webhook.recover', { ...toEndpointDto(endpoint), ...scope }, { since: since.toISOString(), recovered: count }));
      return count;
    });
    if (recovered > 0) this.signal.raise();
    return { id: input.id, object: 'webhook_endpoint', recovered };
  }
}
