import { Streams } from '@agentry/contracts';
import { DurableConsumer, NATS_CONNECTION, Namespace } from '@agentry/messaging';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { parseIncomingEvent } from './incoming-event.js';
import { AUDIT_CONSUMER, RecordAuditEvent } from './use-cases/record-audit-event/record-audit-event.use-case.js';

/**
 * The durable "audit" consumer of the EVENTS stream: the server keeps its position, so events
 * published while the service is down are recorded when it comes back. Replicas share it.
 */
@Injectable()
export class AuditEventsConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('AuditEventsConsumer');
  private consumer: DurableConsumer | undefined;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    private readonly namespace: Namespace,
    private readonly recordAuditEvent: RecordAuditEvent,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.consumer = new DurableConsumer(this.nc, {
      stream: this.namespace.stream(Streams.events.name),
      durable: AUDIT_CONSUMER,
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
      case 'audited':
        await this.recordAuditEvent.execute(parsed.event);
        return;
      case 'not_audited':
        return;
      case 'malformed':
        // Acked and skipped: redelivering a message that can never be recorded would block nothing but waste work.
        this.logger.warn(`skipping ${msg.subject} (stream seq ${msg.seq}): ${parsed.reason}`);
        return;
    }
  }
}
