import type { ServiceDefinition } from '@agentry/messaging';
import { WebhooksConfig } from './config/webhooks.config.js';
import { webhooksMigrations } from './database/migrations/index.js';
import { WebhookEndpointEntity } from './endpoints/entities/webhook-endpoint.entity.js';
import { WebhookAttemptEntity } from './messages/entities/webhook-attempt.entity.js';
import { WebhookMessageEntity } from './messages/entities/webhook-message.entity.js';
import { WebhookPayloadEntity } from './messages/entities/webhook-payload.entity.js';
import { WebhooksModule } from './webhooks.module.js';

export { WebhooksConfig };

export const webhooksService: ServiceDefinition<WebhooksConfig> = {
  name: 'webhooks',
  schema: 'webhooks',
  module: WebhooksModule,
  configClass: WebhooksConfig,
  entities: [WebhookEndpointEntity, WebhookMessageEntity, WebhookAttemptEntity, WebhookPayloadEntity],
  migrations: webhooksMigrations,
};
