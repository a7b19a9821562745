import { Streams } from '@agentry/contracts';
import { DurableConsumer, NATS_CONNECTION, Namespace } from '@agentry/messaging';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { parseIncomingEvent } from './incoming-event.js';
import { FanOutEvent, WEBHOOKS_CONSUMER } from './use-cases/fan-out-event/fan-out-event.use-case.js';

/** The durable "webhooks" consumer of the EVENTS stream: nothing published while the service is down is lost. */
@Injectable()
export class WebhookEventsConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('WebhookEventsConsumer');
  private consumer: DurableConsumer | undefined;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    private readonly namespace: Namespace,
    private readonly fanOutEvent: FanOutEvent,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.consumer = new DurableConsumer(this.nc, {
      stream: this.namespace.stream(Streams.events.name),
      durable: WEBHOOKS_CONSUMER,
      filterSubjects: [this.namespace.subject('events.>')],
    });
    await this.consumer.start((msg) => this.handle(msg));
  }

  async onModuleDestroy(): Promise<void> {
    await this.consumer?.stop();
    this.consumer = undefined;
  }

  private async handle(msg: JsMsg): Promise<void> {
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
