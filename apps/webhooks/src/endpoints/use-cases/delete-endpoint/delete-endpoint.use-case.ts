import { Errors, isId, requireApplication, type RequestContext, type WebhookEndpointDeletedReply } from '@agentry/contracts';
import { OutboxWriter } from '@agentry/messaging';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { endpointChanged } from '../../endpoint-events.js';
import { toEndpointDto } from '../../endpoint.mapper.js';
import { EndpointsRepository } from '../../endpoints.repository.js';

/** Deletes the endpoint and, with it, its messages and their attempts. */
@Injectable()
export class DeleteEndpoint {
  constructor(private readonly dataSource: DataSource, private readonly endpoints: EndpointsRepository, private readonly outbox: OutboxWriter) {}

  async execute(ctx: RequestContext, id: string): Promise<WebhookEndpointDeletedReply> {
    const scope = requireApplication(ctx);
    if (!isId('whk', id)) throw Errors.notFound('webhook endpoint');
    await this.dataSource.transaction(async (manager) => {
      const endpoint = await this.endpoints.findForUpdate(manager, scope, id);
      if (!endpoint || !(await this.endpoints.delete(manager, scope, id))) throw Errors.notFound('webhook endpoint');
      await this.outbox.addEvent(manager, endpointChanged(ctx, 'webhook.deleted', 'webhook.delete', { ...toEndpointDto(endpoint), ...scope }));
    });
    return { id, object: 'webhook_endpoint', deleted: true };
  }
}
