import type { WebhookMessageStatus } from './endpoint-requests.js';

/** Why an endpoint is disabled: by a user, by a 410 answer, or after failing for days. */
export type WebhookDisabledReason = 'manual' | 'endpoint_gone' | 'failing';

export interface WebhookEndpointDto {
  id: string;
  object: 'webhook_endpoint';
  url: string;
  events: string[];
  description: string | null;
  enabled: boolean;
  disabledReason: WebhookDisabledReason | null;
  createdAt: string;
  updatedAt: string;
}

/** Create and rotate-secret replies: the only time the secret is shown. */
export interface WebhookEndpointWithSecretDto extends WebhookEndpointDto {
  secret: string;
}

export interface WebhookEndpointDeletedReply {
  id: string;
  object: 'webhook_endpoint';
  deleted: true;
}

export interface WebhookAttemptDto {
  attemptedAt: string;
  /** HTTP status of the answer; absent when none came (network error, timeout, refused address). */
  status?: number;
  error?: string;
  durationMs: number;
}

export interface WebhookMessageDto {
  id: string;
  object: 'webhook_message';
  eventId: string;
  eventType: string;
  status: WebhookMessageStatus;
  attempts: WebhookAttemptDto[];
  createdAt: string;
  nextAttemptAt: string | null;
}

export interface WebhookRecoverReply {
  id: string;
  object: 'webhook_endpoint';
  /** Failed messages made due again. */
  recovered: number;
}
