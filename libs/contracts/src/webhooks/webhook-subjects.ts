import { Subjects } from '../subjects.js';

/** The webhooks service's RPC subjects (the shared `Subjects.webhooks` block plus the ones declared here). */
export const WebhookSubjects = {
  ...Subjects.webhooks,
  /** `POST /webhooks/{id}/rotate-secret {overlapSeconds?}` → endpoint DTO with the new `secret`. */
  rotateSecret: 'webhooks.endpoint.rotate-secret.v1',
  /** `POST /webhooks/{id}/test` → the `webhook.test` message queued for that endpoint. */
  sendTest: 'webhooks.endpoint.test.v1',
  /** `POST /webhooks/{id}/messages/{msgId}/retry` → the message, due again now. */
  retryMessage: 'webhooks.message.retry.v1',
  /** `POST /webhooks/{id}/recover {since}` → `WebhookRecoverReply`: failed messages created since then are due again. */
  recoverMessages: 'webhooks.endpoint.recover.v1',
} as const;
