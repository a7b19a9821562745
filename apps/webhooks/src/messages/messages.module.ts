import { Module } from '@nestjs/common';
import { WebhooksCoreModule } from '../webhooks-core.module.js';
import { MessagesController } from './messages.controller.js';
import { FanOutEvent } from './use-cases/fan-out-event/fan-out-event.use-case.js';
import { ListMessages } from './use-cases/list-messages/list-messages.use-case.js';
import { RecoverMessages } from './use-cases/recover-messages/recover-messages.use-case.js';
import { RetryMessage } from './use-cases/retry-message/retry-message.use-case.js';
import { SendTestEvent } from './use-cases/send-test-event/send-test-event.use-case.js';
import { WebhookEventsConsumer } from './webhook-events.consumer.js';

@Module({
  imports: [WebhooksCoreModule],
  controllers: [MessagesController],
  providers: [ListMessages, RetryMessage, RecoverMessages, SendTestEvent, FanOutEvent, WebhookEventsConsumer],
})
export class MessagesModule {}
