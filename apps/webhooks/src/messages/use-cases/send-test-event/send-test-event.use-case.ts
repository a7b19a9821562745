import { appError, Errors, isId, newId, requireApplication, type EventEnvelope, type RequestContext, type WebhookMessageDto } from '@agentry/contracts';
import { OutboxWriter } from '@agentry/messaging';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DispatchSignal } from '../../../common/dispatch-signal.js';
import { endpointChanged } from '../../../endpoints/endpoint-events.js';
import { toEndpointDto } from '../../../endpoints/endpoint.mapper.js';
import { EndpointsRepository } from '../../../endpoints/endpoints.repository.js';
import { WebhookMessageEntity } from '../../entities/webhook-message.entity.js';
import { WebhookPayloadEntity } from '../../entities/webhook-payload.entity.js';
import { webhookBody } from '../../incoming-event.js';
import { toMessageDto } from '../../message.mapper.js';
import { MessagesRepository } from '../../messages.repository.js';

/** Queues a `webhook.test` event for this endpoint only (whatever it subscribes to) and delivers it at once. */
@Injectable()
export class SendTestEvent {
  constructor(
    private readonly dataSource: DataSource,
    private readonly endpoints: EndpointsRepository,
    private readonly messages: MessagesRepository,
    private readonly outbox: OutboxWriter,
    private readonly signal: DispatchSignal,
  ) {}

  async execute(ctx: RequestContext, id: string): Promise<WebhookMessageDto> {
    const scope = requireApplication(ctx);
    if (!isId('whk', id)) throw Errors.notFound('webhook endpoint');
    const message = await this.dataSource.transaction(async (manager) => {
      const endpoint = await this.endpoints.findForUpdate(manager, scope, id);
      if (!endpoint) throw Errors.notFound('webhook endpoint');
      if (!endpoint.enabled) throw appError(409, 'endpoint_disabled', 'The endpoint is disabled: enable it before sending a test event.');
      const now = new Date();
      const event: EventEnvelope = {
        id: newId('evt'), type: 'webhook.test', createdAt: now.toISOString(), apiVersion: ctx.apiVersion, orgId: scope.orgId,
        applicationId: scope.applicationId, data: { endpointId: endpoint.id, message: 'A test event sent from Agentry.' },
      };
      await this.messages.insertPayload(manager, Object.assign(new WebhookPayloadEntity(), {
        eventId: event.id, orgId: scope.orgId, eventType: event.type, body: webhookBody(event), createdAt: now,
      }));
      const created = Object.assign(new WebhookMessageEntity(), {
        id: newId('msg'), orgId: scope.orgId, applicationId: scope.applicationId, endpointId: endpoint.id, eventId: event.id,
        eventType: event.type, status: 'pending', attemptCount: 0, nextAttemptAt: now, createdAt: now, updatedAt: now,
      });
      await this.messages.insertMessages(manager, [created]);
      await this.outbox.addEvent(manager, endpointChanged(ctx, 'webhook.test_sent', 'webhook.test', { ...toEndpointDto(endpoint), ...scope }, { messageId: created.id }));
      return created;
    });
    this.signal.raise();
    return toMessageDto(message, []);
  }
}
