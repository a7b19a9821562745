import { newId, type EventEnvelope } from '@agentry/contracts';
import { claimEvent } from '@agentry/messaging';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DispatchSignal } from '../../../common/dispatch-signal.js';
import { EndpointsRepository } from '../../../endpoints/endpoints.repository.js';
import { WebhookMessageEntity } from '../../entities/webhook-message.entity.js';
import { WebhookPayloadEntity } from '../../entities/webhook-payload.entity.js';
import { webhookBody } from '../../incoming-event.js';
import { MessagesRepository } from '../../messages.repository.js';

export const WEBHOOKS_CONSUMER = 'webhooks';

/**
 * Turns one public event into one message per subscribed, enabled endpoint, storing the payload
 * bytes once. The event id is claimed in the same transaction, so a redelivered or republished
 * event creates nothing more. Returns how many messages were created.
 */
@Injectable()
export class FanOutEvent {
  constructor(
    private readonly dataSource: DataSource,
    private readonly endpoints: EndpointsRepository,
    private readonly messages: MessagesRepository,
    private readonly signal: DispatchSignal,
  ) {}

  async execute(event: EventEnvelope): Promise<number> {
    const created = await this.dataSource.transaction(async (manager) => {
      if (!(await claimEvent(manager, 'webhooks', WEBHOOKS_CONSUMER, event.id))) return 0;
      const subscribers = await this.endpoints.findSubscribers(
        manager, { orgId: event.orgId, applicationId: event.applicationId ?? null }, { type: event.type, occurredAt: new Date(event.createdAt) },
      );
      if (subscribers.length === 0) return 0;
      const now = new Date();
      await this.messages.insertPayload(manager, Object.assign(new WebhookPayloadEntity(), {
        eventId: event.id, orgId: event.orgId, eventType: event.type, body: webhookBody(event), createdAt: now,
      }));
      return this.messages.insertMessages(manager, subscribers.map((endpoint) => Object.assign(new WebhookMessageEntity(), {
        id: newId('msg'), orgId: endpoint.orgId, applicationId: endpoint.applicationId, endpointId: endpoint.id, eventId: event.id,
        eventType: event.type, status: 'pending', attemptCount: 0, nextAttemptAt: now, createdAt: now, updatedAt: now,
      })));
    });
    if (created > 0) this.signal.raise();
    return created;
  }
}
