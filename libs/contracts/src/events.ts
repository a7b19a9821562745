import type { RequestContext } from './request-context.js';

/** Event types a webhook endpoint may subscribe to (api.md). */
export const PUBLIC_EVENT_TYPES = [
  'run.queued', 'run.started', 'run.succeeded', 'run.failed', 'run.cancelled', 'run.timed_out',
  'end_user.created', 'end_user.deleted', 'api_key.created', 'api_key.revoked', 'member.added',
  'member.removed', 'kill_switch.engaged', 'kill_switch.released', 'webhook.test',
] as const;
export type PublicEventType = (typeof PUBLIC_EVENT_TYPES)[number];

export type AuditOutcome = 'success' | 'denied' | 'failure';
export type AuditActorType = 'user' | 'api_key' | 'system';

export interface AuditActor {
  type: AuditActorType;
  id: string;
  userId?: string;
  apiKeyId?: string;
}

/** What the audit service records for an event; present on events caused by a request or a denial. */
export interface AuditBlock {
  action: string;
  outcome: AuditOutcome;
  actor: AuditActor;
  endUserId?: string;
  impersonator?: { userId: string; impersonationId: string };
  resource: { type: string; id: string };
  requestId?: string;
  ip?: string;
  userAgent?: string;
  metadata?: Record<string, unknown>;
}

/**
 * The envelope of every event on the EVENTS stream. `type` is the public name (`run.queued`);
 * the JetStream message id is `id`, so a republished outbox row is de-duplicated.
 */
export interface EventEnvelope<T = Record<string, unknown>> {
  id: string;
  type: string;
  createdAt: string;
  apiVersion: string;
  orgId: string;
  applicationId: string | null;
  data: T;
  audit?: AuditBlock;
}

export function actorFromContext(ctx: RequestContext): AuditActor {
  const p = ctx.principal;
  if (p.type === 'api_key') return { type: 'api_key', id: p.id, apiKeyId: p.apiKeyId ?? p.id, userId: p.userId };
  if (p.type === 'user') return { type: 'user', id: p.id, userId: p.userId ?? p.id };
  return { type: 'system', id: 'system' };
}

/** Builds the audit block of a request-driven change from the request context. */
export function auditFromContext(
  ctx: RequestContext,
  action: string,
  resource: { type: string; id: string },
  metadata?: Record<string, unknown>,
  outcome: AuditOutcome = 'success',
): AuditBlock {
  return {
    action, outcome, actor: actorFromContext(ctx), endUserId: ctx.endUserId, impersonator: ctx.impersonator,
    resource, requestId: ctx.requestId, ip: ctx.ip, userAgent: ctx.userAgent, metadata,
  };
}
