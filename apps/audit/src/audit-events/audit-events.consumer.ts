import { EventsStreamConsumer, NATS_CONNECTION, Namespace } from '@agentry/messaging';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { parseIncomingEvent } from './incoming-event.js';
import { AUDIT_CONSUMER, RecordAuditEvent } from './use-cases/record-audit-event/record-audit-event.use-case.js';

/** The durable "audit" consumer of the EVENTS stream: every event with an audit block becomes one record. */
@Injectable()
export class AuditEventsConsumer extends EventsStreamConsumer {
  private readonly logger = new Logger('AuditEventsConsumer');

  constructor(@Inject(NATS_CONNECTION) nc: NatsConnection, namespace: Namespace, private readonly recordAuditEvent: RecordAuditEvent) {
    super(nc, namespace, AUDIT_CONSUMER);
  }

  protected async handle(msg: JsMsg): Promise<void> {
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
