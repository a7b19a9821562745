import { PUBLIC_EVENT_TYPES, type EventEnvelope } from '@agentry/contracts';

const PUBLIC = new Set<string>(PUBLIC_EVENT_TYPES);

export type ParsedEvent =
  | { kind: 'public'; event: EventEnvelope }
  | { kind: 'internal' }
  | { kind: 'malformed'; reason: string };

const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/** Reads an EVENTS message: only well-formed envelopes of public event types become webhook messages. */
export function parseIncomingEvent(raw: Uint8Array): ParsedEvent {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(raw));
  } catch {
    return { kind: 'malformed', reason: 'not JSON' };
  }
  const e = value as Partial<EventEnvelope> | null;
  if (!e || typeof e !== 'object' || !isText(e.type)) return { kind: 'malformed', reason: 'no type' };
  if (!PUBLIC.has(e.type)) return { kind: 'internal' };
  if (!isText(e.id) || !isText(e.orgId) || !isText(e.createdAt) || !isText(e.apiVersion)) return { kind: 'malformed', reason: 'missing id, orgId, createdAt or apiVersion' };
  if (Number.isNaN(Date.parse(e.createdAt))) return { kind: 'malformed', reason: 'createdAt is not a timestamp' };
  if (e.applicationId !== null && e.applicationId !== undefined && !isText(e.applicationId)) return { kind: 'malformed', reason: 'applicationId is not a string' };
  return { kind: 'public', event: e as EventEnvelope };
}

/**
 * The body every endpoint receives for an event, as api.md describes the envelope: never the
 * internal `audit` block. Serialized once; these exact bytes are signed and sent on every attempt.
 */
export function webhookBody(event: EventEnvelope): string {
  const { id, type, createdAt, apiVersion, orgId, applicationId, data } = event;
  return JSON.stringify({ id, type, createdAt, apiVersion, orgId, applicationId: applicationId ?? null, data: data ?? {} });
}
