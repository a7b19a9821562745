import { Module } from '@nestjs/common';
import { DeliveryModule } from './delivery/delivery.module.js';
import { EndpointsModule } from './endpoints/endpoints.module.js';
import { MessagesModule } from './messages/messages.module.js';

@Module({ imports: [EndpointsModule, MessagesModule, DeliveryModule] })
export class WebhooksModule {}
