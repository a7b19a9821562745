import { newId, requireApplication, type CreateWebhookEndpointRequest, type RequestContext, type WebhookEndpointWithSecretDto } from '@agentry/contracts';
import { OutboxWriter } from '@agentry/messaging';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SecretBox } from '../../../common/secret-box.js';
import { newSigningSecret } from '../../../common/signing.js';
import { TargetGuard } from '../../../common/ssrf/target-guard.js';
import { endpointChanged } from '../../endpoint-events.js';
import { toEndpointDto } from '../../endpoint.mapper.js';
import { EndpointsRepository } from '../../endpoints.repository.js';
import { WebhookEndpointEntity } from '../../entities/webhook-endpoint.entity.js';

/** Creates an endpoint of the caller's application; the signing secret is shown in this reply only. */
@Injectable()
export class CreateEndpoint {
  constructor(
    private readonly dataSource: DataSource,
    private readonly endpoints: EndpointsRepository,
    private readonly guard: TargetGuard,
    private readonly secrets: SecretBox,
    private readonly outbox: OutboxWriter,
  ) {}

  async execute(ctx: RequestContext, input: CreateWebhookEndpointRequest): Promise<WebhookEndpointWithSecretDto> {
    const scope = requireApplication(ctx);
    const url = await this.guard.acceptable(input.url);
    const secret = newSigningSecret();
    const now = new Date();
    const enabled = input.enabled ?? true;
    const endpoint = Object.assign(new WebhookEndpointEntity(), {
      id: newId('whk'), orgId: scope.orgId, applicationId: scope.applicationId, url, events: input.events,
      description: input.description ?? null, enabled, disabledReason: enabled ? null : 'manual', secretEnc: this.secrets.seal(secret),
      previousSecretEnc: null, previousSecretExpiresAt: null, failingSince: null, createdAt: now, updatedAt: now,
    });
    await this.dataSource.transaction(async (manager) => {
      await this.endpoints.insert(manager, endpoint);
      await this.outbox.addEvent(manager, endpointChanged(ctx, 'webhook.created', 'webhook.create', { ...toEndpointDto(endpoint), ...scope }));
    });
    return { ...toEndpointDto(endpoint), secret };
  }
}
