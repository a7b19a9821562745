import { ListWebhookMessagesRequest, RecoverWebhookMessagesRequest, RetryWebhookMessageRequest, WebhookEndpointIdRequest, WebhookSubjects, type RequestContext } from '@agentry/contracts';
import { Ctx, Data, Rpc } from '@agentry/messaging';
import { Controller } from '@nestjs/common';
import { ListMessages } from './use-cases/list-messages/list-messages.use-case.js';
import { RecoverMessages } from './use-cases/recover-messages/recover-messages.use-case.js';
import { RetryMessage } from './use-cases/retry-message/retry-message.use-case.js';
import { SendTestEvent } from './use-cases/send-test-event/send-test-event.use-case.js';

/** Thin: each handler validates (via @Data) and delegates to one use case. */
@Controller()
export class MessagesController {
  constructor(
    private readonly listMessages: ListMessages,
    private readonly retryMessage: RetryMessage,
    private readonly recoverMessages: RecoverMessages,
    private readonly sendTestEvent: SendTestEvent,
  ) {}

  @Rpc(WebhookSubjects.listMessages)
  list(@Ctx() ctx: RequestContext, @Data(ListWebhookMessagesRequest) input: ListWebhookMessagesRequest) {
    return this.listMessages.execute(ctx, input);
  }

  @Rpc(WebhookSubjects.retryMessage)
  retry(@Ctx() ctx: RequestContext, @Data(RetryWebhookMessageRequest) input: RetryWebhookMessageRequest) {
    return this.retryMessage.execute(ctx, input);
  }

  @Rpc(WebhookSubjects.recoverMessages)
  recover(@Ctx() ctx: RequestContext, @Data(RecoverWebhookMessagesRequest) input: RecoverWebhookMessagesRequest) {
    return this.recoverMessages.execute(ctx, input);
  }

  @Rpc(WebhookSubjects.sendTest)
  sendTest(@Ctx() ctx: RequestContext, @Data(WebhookEndpointIdRequest) input: WebhookEndpointIdRequest) {
    return this.sendTestEvent.execute(ctx, input.id);
  }
}
