import { OutboxWriter } from '@agentry/messaging';
import type { AppScope } from '@agentry/persistence';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { WebhooksConfig } from '../../../config/webhooks.config.js';
import { EndpointsRepository } from '../../../endpoints/endpoints.repository.js';
import { toEndpointDto } from '../../../endpoints/endpoint.mapper.js';
import type { WebhookDisabledReason } from '@agentry/contracts';
import { MessagesRepository } from '../../../messages/messages.repository.js';
import type { DueDelivery } from '../../due-messages.repository.js';
import type { HttpAttemptResult } from '../../http-sender.js';
import { parseSchedule, retryDelayMs } from '../../retry-schedule.js';

/**
 * Records one attempt and decides what follows: 2xx delivers; 410 fails the message and disables
 * the endpoint; anything else retries on the schedule until it runs out. An endpoint failing
 * longer than WEBHOOKS_DISABLE_AFTER_FAILING_MS is disabled. Disabling writes `webhook.disabled`.
 */
@Injectable()
export class RecordDeliveryOutcome {
  private readonly schedule: number[];
  private readonly disableAfterMs: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly endpoints: EndpointsRepository,
    private readonly messages: MessagesRepository,
    private readonly outbox: OutboxWriter,
    config: WebhooksConfig,
  ) {
    this.schedule = parseSchedule(config.WEBHOOKS_RETRY_SCHEDULE_MS);
    this.disableAfterMs = config.WEBHOOKS_DISABLE_AFTER_FAILING_MS;
  }

  async execute(delivery: DueDelivery, attemptedAt: Date, result: HttpAttemptResult): Promise<void> {
    const scope: AppScope = { orgId: delivery.orgId, applicationId: delivery.applicationId };
    const attempt = { attemptedAt, status: result.status, error: result.error, durationMs: result.durationMs };
    await this.dataSource.transaction(async (manager) => {
      if (result.status !== null && result.status >= 200 && result.status < 300) {
        await this.messages.recordAttempt(manager, scope, delivery.messageId, attempt, { status: 'delivered', nextAttemptAt: null });
        await this.endpoints.markHealthy(manager, scope, delivery.endpointId);
        return;
      }
      if (result.status === 410) {
        await this.messages.recordAttempt(manager, scope, delivery.messageId, attempt, { status: 'failed', nextAttemptAt: null });
        await this.disable(manager, scope, delivery.endpointId, 'endpoint_gone', { lastStatus: 410 });
        return;
      }
      const delay = retryDelayMs(this.schedule, delivery.attemptCount + 1);
      const next = delay === undefined ? { status: 'failed' as const, nextAttemptAt: null } : { status: 'pending' as const, nextAttemptAt: new Date(Date.now() + delay) };
      await this.messages.recordAttempt(manager, scope, delivery.messageId, attempt, next);
      const failingSince = await this.endpoints.markFailing(manager, scope, delivery.endpointId);
      if (failingSince && Date.now() - failingSince.getTime() >= this.disableAfterMs) {
        await this.disable(manager, scope, delivery.endpointId, 'failing', { failingSince: failingSince.toISOString() });
      }
    });
  }

  private async disable(manager: EntityManager, scope: AppScope, endpointId: string, reason: WebhookDisabledReason, metadata: Record<string, unknown>): Promise<void> {
    const endpoint = await this.endpoints.disable(manager, scope, endpointId, reason);
    if (!endpoint) return;
    await this.outbox.addEvent(manager, {
      type: 'webhook.disabled', orgId: scope.orgId, applicationId: scope.applicationId, data: toEndpointDto(endpoint),
      audit: {
        action: 'webhook.disable', outcome: 'success', actor: { type: 'system', id: 'system' },
        resource: { type: 'webhook', id: endpointId }, metadata: { reason, ...metadata },
      },
    });
  }
}
