import { Module } from '@nestjs/common';
import { DispatchSignal } from './common/dispatch-signal.js';
import { SecretBox } from './common/secret-box.js';
import { TargetGuard } from './common/ssrf/target-guard.js';
import { EndpointsRepository } from './endpoints/endpoints.repository.js';
import { MessagesRepository } from './messages/messages.repository.js';

/** What the feature modules share: repositories, the secret box, the SSRF guard and the dispatch signal (one instance). */
@Module({
  providers: [EndpointsRepository, MessagesRepository, SecretBox, TargetGuard, DispatchSignal],
  exports: [EndpointsRepository, MessagesRepository, SecretBox, TargetGuard, DispatchSignal],
})
export class WebhooksCoreModule {}
