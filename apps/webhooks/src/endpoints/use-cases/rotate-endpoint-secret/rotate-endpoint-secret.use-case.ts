import { Errors, isId, requireApplication, type RequestContext, type RotateWebhookSecretRequest, type WebhookEndpointWithSecretDto } from '@agentry/contracts';
import { OutboxWriter } from '@agentry/messaging';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SecretBox } from '../../../common/secret-box.js';
import { newSigningSecret } from '../../../common/signing.js';
import { endpointChanged } from '../../endpoint-events.js';
import { toEndpointDto } from '../../endpoint.mapper.js';
import { EndpointsRepository } from '../../endpoints.repository.js';

const DEFAULT_OVERLAP_SECONDS = 24 * 3600;

/** A new secret, shown once; deliveries carry both signatures until the old secret's overlap ends. */
@Injectable()
export class RotateEndpointSecret {
  constructor(
    private readonly dataSource: DataSource,
    private readonly endpoints: EndpointsRepository,
    private readonly secrets: SecretBox,
    private readonly outbox: OutboxWriter,
  ) {}

  async execute(ctx: RequestContext, input: RotateWebhookSecretRequest): Promise<WebhookEndpointWithSecretDto> {
    const scope = requireApplication(ctx);
    if (!isId('whk', input.id)) throw Errors.notFound('webhook endpoint');
    const overlapSeconds = input.overlapSeconds ?? DEFAULT_OVERLAP_SECONDS;
    const secret = newSigningSecret();
    return this.dataSource.transaction(async (manager) => {
      const endpoint = await this.endpoints.findForUpdate(manager, scope, input.id);
      if (!endpoint) throw Errors.notFound('webhook endpoint');
      const now = new Date();
      endpoint.previousSecretEnc = overlapSeconds > 0 ? endpoint.secretEnc : null;
      endpoint.previousSecretExpiresAt = overlapSeconds > 0 ? new Date(now.getTime() + overlapSeconds * 1000) : null;
      endpoint.secretEnc = this.secrets.seal(secret);
      endpoint.updatedAt = now;
      await this.endpoints.save(manager, scope, endpoint);
      await this.outbox.addEvent(manager, endpointChanged(ctx, 'webhook.secret_rotated', 'webhook.rotate_secret', { ...toEndpointDto(endpoint), ...scope }, { overlapSeconds }));
      return { ...toEndpointDto(endpoint), secret };
    });
  }
}
