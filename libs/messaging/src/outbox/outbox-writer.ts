import { CURRENT_API_VERSION, eventSubject, newId, type AuditBlock, type EventEnvelope } from '@agentry/contracts';
import type { EntityManager } from 'typeorm';

export interface NewEvent<T> {
  type: string;
  orgId: string;
  applicationId: string | null;
  data: T;
  audit?: AuditBlock;
  apiVersion?: string;
  traceparent?: string;
}

/**
 * Writes events inside the caller's transaction: the state change and its event commit together
 * or not at all. The relay publishes them afterwards.
 */
export class OutboxWriter {
  constructor(private readonly schema: string, private readonly onWrite: () => void = () => {}) {}

  async addEvent<T>(manager: EntityManager, event: NewEvent<T>): Promise<EventEnvelope<T>> {
    const envelope: EventEnvelope<T> = {
      id: newId('evt'), type: event.type, createdAt: new Date().toISOString(), apiVersion: event.apiVersion ?? CURRENT_API_VERSION,
      orgId: event.orgId, applicationId: event.applicationId, data: event.data, audit: event.audit,
    };
    await this.addMessage(manager, envelope.id, eventSubject(event.type), envelope, event.traceparent);
    return envelope;
  }

  /** Any other JetStream message that must leave only after commit (e.g. a run job). */
  async addMessage(manager: EntityManager, id: string, subject: string, payload: unknown, traceparent?: string): Promise<void> {
    await manager.query(
      `INSERT INTO "${this.schema}"."outbox" ("id", "subject", "payload", "traceparent") VALUES ($1, $2, $3, $4)`,
      [id, subject, JSON.stringify(payload), traceparent ?? null],
    );
    this.onWrite();
  }
}
