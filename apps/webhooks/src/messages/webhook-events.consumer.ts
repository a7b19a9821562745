import { EventsStreamConsumer, NATS_CONNECTION, Namespace } from '@agentry/messaging';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { parseIncomingEvent } from './incoming-event.js';
import { FanOutEvent, WEBHOOKS_CONSUMER } from './use-cases/fan-out-event/fan-out-event.use-case.js';

/** The durable "webhooks" consumer of the EVENTS stream: each public event becomes one message per matching endpoint. */
@Injectable()
export class WebhookEventsConsumer extends EventsStreamConsumer {
  private readonly logger = new Logger('WebhookEventsConsumer');

  constructor(@Inject(NATS_CONNECTION) nc: NatsConnection, namespace: Namespace, private readonly fanOutEvent: FanOutEvent) {
    super(nc, namespace, WEBHOOKS_CONSUMER);
  }

  protected async handle(msg: JsMsg): Promise<void> {
    const parsed = parseIncomingEvent(msg.data);
    switch (parsed.kind) {
      case 'public':
        await this.fanOutEvent.execute(parsed.event);
        return;
      case 'internal':
        return;
      case 'malformed':
        this.logger.warn(`skipping ${msg.subject} (stream seq ${msg.seq}): ${parsed.reason}`);
        return;
    }
  }
}
