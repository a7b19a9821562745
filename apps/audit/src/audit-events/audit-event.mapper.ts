import type { AuditActor, AuditEventDto } from '@agentry/contracts';
import type { AuditEventEntity } from './entities/audit-event.entity.js';

/** Every field of a record except its chain links: what the hash covers. */
export type AuditRecordFields = Omit<AuditEventDto, 'object' | 'hash' | 'prevHash'>;

export function toAuditRecordFields(e: AuditEventEntity): AuditRecordFields {
  const actor: AuditActor = { type: e.actorType, id: e.actorId };
  if (e.actorUserId) actor.userId = e.actorUserId;
  if (e.actorApiKeyId) actor.apiKeyId = e.actorApiKeyId;
  return {
    id: e.id,
    occurredAt: e.occurredAt.toISOString(),
    orgId: e.orgId,
    applicationId: e.applicationId,
    action: e.action,
    outcome: e.outcome,
    actor,
    ...(e.endUserId ? { endUserId: e.endUserId } : {}),
    ...(e.impersonatorUserId && e.impersonationId ? { impersonator: { userId: e.impersonatorUserId, impersonationId: e.impersonationId } } : {}),
    resource: { type: e.resourceType, id: e.resourceId },
    requestId: e.requestId,
    ip: e.ip,
    userAgent: e.userAgent,
    metadata: e.metadata,
  };
}

/** Whitelists what leaves the service (not the event id, sequence or recording time). */
export function toAuditEventDto(e: AuditEventEntity): AuditEventDto {
  const { id, ...fields } = toAuditRecordFields(e);
  return { id, object: 'audit_event', ...fields, hash: e.hash, prevHash: e.prevHash };
}
