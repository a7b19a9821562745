import type { AuditBlock, EventEnvelope } from '@agentry/contracts';

const OUTCOMES = new Set(['success', 'denied', 'failure']);
const ACTOR_TYPES = new Set(['user', 'api_key', 'system']);

export type AuditedEvent = EventEnvelope & { audit: AuditBlock };

export type ParsedEvent =
  | { kind: 'audited'; event: AuditedEvent }
  | { kind: 'not_audited'; id: string }
  | { kind: 'malformed'; reason: string };

const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isOptionalText = (v: unknown): boolean => v === undefined || v === null || typeof v === 'string';

/** Reads an EVENTS message: only a well-formed envelope with a well-formed audit block is recorded. */
export function parseIncomingEvent(raw: Uint8Array): ParsedEvent {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(raw));
  } catch {
    return { kind: 'malformed', reason: 'not JSON' };
  }
  const e = value as Partial<EventEnvelope> | null;
  if (!e || typeof e !== 'object' || !isText(e.id) || !isText(e.type) || !isText(e.orgId)) return { kind: 'malformed', reason: 'missing id, type or orgId' };
  if (!e.audit) return { kind: 'not_audited', id: e.id };
  if (!isText(e.createdAt) || Number.isNaN(Date.parse(e.createdAt))) return { kind: 'malformed', reason: 'createdAt is not a timestamp' };
  if (!isOptionalText(e.applicationId)) return { kind: 'malformed', reason: 'applicationId is not a string' };
  const a = e.audit as Partial<AuditBlock>;
  const problem = auditBlockProblem(a);
  if (problem) return { kind: 'malformed', reason: problem };
  return { kind: 'audited', event: e as AuditedEvent };
}

function auditBlockProblem(a: Partial<AuditBlock>): string | null {
  if (!isText(a.action)) return 'audit.action is missing';
  if (!OUTCOMES.has(a.outcome as string)) return 'audit.outcome is unknown';
  if (!a.actor || !ACTOR_TYPES.has(a.actor.type) || !isText(a.actor.id)) return 'audit.actor is malformed';
  if (!a.resource || !isText(a.resource.type) || !isText(a.resource.id)) return 'audit.resource is malformed';
  if (a.impersonator && (!isText(a.impersonator.userId) || !isText(a.impersonator.impersonationId))) return 'audit.impersonator is malformed';
  if (a.metadata !== undefined && a.metadata !== null && (typeof a.metadata !== 'object' || Array.isArray(a.metadata))) return 'audit.metadata is not an object';
  for (const key of ['endUserId', 'requestId', 'ip', 'userAgent'] as const) if (!isOptionalText(a[key])) return `audit.${key} is not a string`;
  return null;
}
