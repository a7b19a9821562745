import { auditFromContext, type RequestContext, type WebhookEndpointDto } from '@agentry/contracts';
import type { NewEvent } from '@agentry/messaging';

/**
 * The internal event (with its audit block) written with every change to an endpoint. These types
 * are not public: they reach the audit trail, never a webhook.
 */
export function endpointChanged(
  ctx: RequestContext,
  type: 'webhook.created' | 'webhook.updated' | 'webhook.deleted' | 'webhook.secret_rotated' | 'webhook.test_sent' | 'webhook.message_retried' | 'webhook.messages_recovered',
  action: string,
  endpoint: WebhookEndpointDto & { applicationId: string; orgId: string },
  metadata?: Record<string, unknown>,
): NewEvent<WebhookEndpointDto> {
  const { orgId, applicationId, ...dto } = endpoint;
  return {
    type, orgId, applicationId, data: dto,
    audit: auditFromContext(ctx, action, { type: 'webhook', id: endpoint.id }, metadata), traceparent: ctx.traceparent,
  };
}
