import { Errors, isId, requireApplication, type RequestContext, type UpdateWebhookEndpointRequest, type WebhookEndpointDto } from '@agentry/contracts';
import { OutboxWriter } from '@agentry/messaging';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TargetGuard } from '../../../common/ssrf/target-guard.js';
import { endpointChanged } from '../../endpoint-events.js';
import { toEndpointDto } from '../../endpoint.mapper.js';
import { EndpointsRepository } from '../../endpoints.repository.js';
import type { WebhookEndpointEntity } from '../../entities/webhook-endpoint.entity.js';

/**
 * PATCH semantics: only the fields sent change; `description: null` clears it. Enabling clears the
 * disabled reason and the failure streak; disabling an enabled endpoint records `manual`.
 */
@Injectable()
export class UpdateEndpoint {
  constructor(
    private readonly dataSource: DataSource,
    private readonly endpoints: EndpointsRepository,
    private readonly guard: TargetGuard,
    private readonly outbox: OutboxWriter,
  ) {}

  async execute(ctx: RequestContext, input: UpdateWebhookEndpointRequest): Promise<WebhookEndpointDto> {
    const scope = requireApplication(ctx);
    if (!isId('whk', input.id)) throw Errors.notFound('webhook endpoint');
    const url = input.url === undefined ? undefined : await this.guard.acceptable(input.url);
    return this.dataSource.transaction(async (manager) => {
      const endpoint = await this.endpoints.findForUpdate(manager, scope, input.id);
      if (!endpoint) throw Errors.notFound('webhook endpoint');
      const changed = applyChanges(endpoint, { ...input, url });
      if (changed.length === 0) return toEndpointDto(endpoint);
      endpoint.updatedAt = new Date();
      await this.endpoints.save(manager, scope, endpoint);
      await this.outbox.addEvent(manager, endpointChanged(ctx, 'webhook.updated', 'webhook.update', { ...toEndpointDto(endpoint), ...scope }, { changed }));
      return toEndpointDto(endpoint);
    });
  }
}

/** Applies the sent fields; returns the names of those that really changed. */
function applyChanges(endpoint: WebhookEndpointEntity, input: Omit<UpdateWebhookEndpointRequest, 'id'>): string[] {
  const changed: string[] = [];
  if (input.url !== undefined && input.url !== endpoint.url) {
    endpoint.url = input.url;
    changed.push('url');
  }
  if (input.events !== undefined && input.events.join('\n') !== endpoint.events.join('\n')) {
    endpoint.events = input.events;
    changed.push('events');
  }
  if (input.description !== undefined && input.description !== endpoint.description) {
    endpoint.description = input.description;
    changed.push('description');
  }
  if (input.enabled !== undefined && input.enabled !== endpoint.enabled) {
    endpoint.enabled = input.enabled;
    endpoint.disabledReason = input.enabled ? null : 'manual';
    endpoint.failingSince = null;
    changed.push('enabled');
  }
  return changed;
}
