import type { WebhookAttemptDto, WebhookMessageDto } from '@agentry/contracts';
import type { WebhookAttemptEntity } from './entities/webhook-attempt.entity.js';
import type { WebhookMessageEntity } from './entities/webhook-message.entity.js';

export function toAttemptDto(a: WebhookAttemptEntity): WebhookAttemptDto {
  return {
    attemptedAt: a.attemptedAt.toISOString(),
    ...(a.status !== null ? { status: a.status } : {}),
    ...(a.error !== null ? { error: a.error } : {}),
    durationMs: a.durationMs,
  };
}

/** Attempts oldest first. */
export function toMessageDto(m: WebhookMessageEntity, attempts: WebhookAttemptEntity[]): WebhookMessageDto {
  return {
    id: m.id, object: 'webhook_message', eventId: m.eventId, eventType: m.eventType, status: m.status,
    attempts: attempts.map(toAttemptDto), createdAt: m.createdAt.toISOString(),
    nextAttemptAt: m.status === 'pending' && m.nextAttemptAt ? m.nextAttemptAt.toISOString() : null,
  };
}
