import { Module } from '@nestjs/common';
import { WebhooksCoreModule } from '../webhooks-core.module.js';
import { Dispatcher } from './dispatcher.js';
import { DueMessagesRepository } from './due-messages.repository.js';
import { DeliverMessage } from './use-cases/deliver-message/deliver-message.use-case.js';
import { RecordDeliveryOutcome } from './use-cases/record-delivery-outcome/record-delivery-outcome.use-case.js';

@Module({
  imports: [WebhooksCoreModule],
  providers: [DueMessagesRepository, DeliverMessage, RecordDeliveryOutcome, Dispatcher],
})
export class DeliveryModule {}
