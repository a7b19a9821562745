import { newId } from '@agentry/contracts';
import { claimEvent } from '@agentry/messaging';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditEventsRepository } from '../../audit-events.repository.js';
import { toAuditRecordFields } from '../../audit-event.mapper.js';
import { AuditEventEntity } from '../../entities/audit-event.entity.js';
import { chainHash } from '../../hash-chain.js';
import type { AuditedEvent } from '../../incoming-event.js';
import { withoutNul } from './without-nul.js';

export const AUDIT_CONSUMER = 'audit';

/**
 * Records one audited event exactly once: the event id is claimed in the same transaction that
 * appends the record, so a redelivered or republished event changes nothing.
 */
@Injectable()
export class RecordAuditEvent {
  constructor(private readonly dataSource: DataSource, private readonly records: AuditEventsRepository) {}

  async execute(event: AuditedEvent): Promise<AuditEventEntity | null> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await claimEvent(manager, 'audit', AUDIT_CONSUMER, event.id))) return null;
      return this.records.appendToChain(manager, { orgId: event.orgId }, (prevHash) => {
        const record = toEntity(event);
        record.prevHash = prevHash;
        record.hash = chainHash(prevHash, toAuditRecordFields(record));
        return record;
      });
    });
  }
}

function toEntity(event: AuditedEvent): AuditEventEntity {
  const a = withoutNul(event.audit);
  return Object.assign(new AuditEventEntity(), {
    id: newId('aud'),
    eventId: event.id,
    orgId: event.orgId,
    applicationId: event.applicationId ?? null,
    occurredAt: new Date(event.createdAt),
    action: a.action,
    outcome: a.outcome,
    actorType: a.actor.type,
    actorId: a.actor.id,
    actorUserId: a.actor.userId ?? null,
    actorApiKeyId: a.actor.apiKeyId ?? null,
    endUserId: a.endUserId ?? null,
    impersonatorUserId: a.impersonator?.userId ?? null,
    impersonationId: a.impersonator?.impersonationId ?? null,
    resourceType: a.resource.type,
    resourceId: a.resource.id,
    requestId: a.requestId ?? null,
    ip: a.ip ?? null,
    userAgent: a.userAgent ?? null,
    metadata: a.metadata ?? {},
  });
}
