import { Errors, isId, requireApplication, type RequestContext, type WebhookEndpointDto } from '@agentry/contracts';
import { Injectable } from '@nestjs/common';
import { toEndpointDto } from '../../endpoint.mapper.js';
import { EndpointsRepository } from '../../endpoints.repository.js';

/** Unknown, malformed and other-tenant ids are all 404. */
@Injectable()
export class GetEndpoint {
  constructor(private readonly endpoints: EndpointsRepository) {}

  async execute(ctx: RequestContext, id: string): Promise<WebhookEndpointDto> {
    const scope = requireApplication(ctx);
    const endpoint = isId('whk', id) ? await this.endpoints.findById(scope, id) : null;
    if (!endpoint) throw Errors.notFound('webhook endpoint');
    return toEndpointDto(endpoint);
  }
}
