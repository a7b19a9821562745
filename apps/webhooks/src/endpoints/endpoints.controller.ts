import {
  CreateWebhookEndpointRequest, ListWebhookEndpointsRequest, RotateWebhookSecretRequest, UpdateWebhookEndpointRequest, WebhookEndpointIdRequest,
  WebhookSubjects, type RequestContext,
} from '@agentry/contracts';
import { Ctx, Data, Rpc } from '@agentry/messaging';
import { Controller } from '@nestjs/common';
import { CreateEndpoint } from './use-cases/create-endpoint/create-endpoint.use-case.js';
import { DeleteEndpoint } from './use-cases/delete-endpoint/delete-endpoint.use-case.js';
import { GetEndpoint } from './use-cases/get-endpoint/get-endpoint.use-case.js';
import { ListEndpoints } from './use-cases/list-endpoints/list-endpoints.use-case.js';
import { RotateEndpointSecret } from './use-cases/rotate-endpoint-secret/rotate-endpoint-secret.use-case.js';
import { UpdateEndpoint } from './use-cases/update-endpoint/update-endpoint.use-case.js';

/** Thin: each handler validates (via @Data) and delegates to one use case. */
@Controller()
export class EndpointsController {
  constructor(
    private readonly createEndpoint: CreateEndpoint,
    private readonly listEndpoints: ListEndpoints,
    private readonly getEndpoint: GetEndpoint,
    private readonly updateEndpoint: UpdateEndpoint,
    private readonly deleteEndpoint: DeleteEndpoint,
    private readonly rotateEndpointSecret: RotateEndpointSecret,
  ) {}

  @Rpc(WebhookSubjects.createEndpoint)
  create(@Ctx() ctx: RequestContext, @Data(CreateWebhookEndpointRequest) input: CreateWebhookEndpointRequest) {
    return this.createEndpoint.execute(ctx, input);
  }

  @Rpc(WebhookSubjects.listEndpoints)
  list(@Ctx() ctx: RequestContext, @Data(ListWebhookEndpointsRequest) input: ListWebhookEndpointsRequest) {
    return this.listEndpoints.execute(ctx, input);
  }

  @Rpc(WebhookSubjects.getEndpoint)
  get(@Ctx() ctx: RequestContext, @Data(WebhookEndpointIdRequest) input: WebhookEndpointIdRequest) {
    return this.getEndpoint.execute(ctx, input.id);
  }

  @Rpc(WebhookSubjects.updateEndpoint)
  update(@Ctx() ctx: RequestContext, @Data(UpdateWebhookEndpointRequest) input: UpdateWebhookEndpointRequest) {
    return this.updateEndpoint.execute(ctx, input);
  }

  @Rpc(WebhookSubjects.deleteEndpoint)
  delete(@Ctx() ctx: RequestContext, @Data(WebhookEndpointIdRequest) input: WebhookEndpointIdRequest) {
    return this.deleteEndpoint.execute(ctx, input.id);
  }

  @Rpc(WebhookSubjects.rotateSecret)
  rotateSecret(@Ctx() ctx: RequestContext, @Data(RotateWebhookSecretRequest) input: RotateWebhookSecretRequest) {
    return this.rotateEndpointSecret.execute(ctx, input);
  }
}
