import type { WebhookEndpointDto } from '@agentry/contracts';
import type { WebhookEndpointEntity } from './entities/webhook-endpoint.entity.js';

/** Whitelists what leaves the service: never the sealed secrets or the failure bookkeeping. */
export function toEndpointDto(e: WebhookEndpointEntity): WebhookEndpointDto {
  return {
    id: e.id, object: 'webhook_endpoint', url: e.url, events: [...e.events], description: e.description, enabled: e.enabled,
    disabledReason: e.disabledReason, createdAt: e.createdAt.toISOString(), updatedAt: e.updatedAt.toISOString(),
  };
}
