import { Module } from '@nestjs/common';
import { WebhooksCoreModule } from '../webhooks-core.module.js';
import { EndpointsController } from './endpoints.controller.js';
import { CreateEndpoint } from './use-cases/create-endpoint/create-endpoint.use-case.js';
import { DeleteEndpoint } from './use-cases/delete-endpoint/delete-endpoint.use-case.js';
import { GetEndpoint } from './use-cases/get-endpoint/get-endpoint.use-case.js';
import { ListEndpoints } from './use-cases/list-endpoints/list-endpoints.use-case.js';
import { RotateEndpointSecret } from './use-cases/rotate-endpoint-secret/rotate-endpoint-secret.use-case.js';
import { UpdateEndpoint } from './use-cases/update-endpoint/update-endpoint.use-case.js';

@Module({
  imports: [WebhooksCoreModule],
  controllers: [EndpointsController],
  providers: [CreateEndpoint, ListEndpoints, GetEndpoint, UpdateEndpoint, DeleteEndpoint, RotateEndpointSecret],
})
export class EndpointsModule {}
