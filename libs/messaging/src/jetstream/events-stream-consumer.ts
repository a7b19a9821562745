import { Streams } from '@agentry/contracts';
import type { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Namespace } from '../namespace.js';
import { DurableConsumer } from './durable-consumer.js';

/**
 * A service's durable consumer of the whole EVENTS stream, started with the application and
 * stopped with it. The server keeps the position, so events published while the service is
 * down are handled when it comes back; replicas share the consumer. Subclasses say what one
 * message means in `handle` (thrown errors ask for redelivery).
 */
export abstract class EventsStreamConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  private consumer: DurableConsumer | undefined;

  protected constructor(
    private readonly nc: NatsConnection,
    private readonly namespace: Namespace,
    private readonly durable: string,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.consumer = new DurableConsumer(this.nc, {
      stream: this.namespace.stream(Streams.events.name),
      durable: this.durable,
      filterSubjects: [this.namespace.subject('events.>')],
    });
    await this.consumer.start((msg) => this.handle(msg));
  }

  async onModuleDestroy(): Promise<void> {
    await this.consumer?.stop();
    this.consumer = undefined;
  }

  protected abstract handle(msg: JsMsg): Promise<void>;
}
