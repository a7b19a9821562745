import { Injectable } from '@nestjs/common';
import { TargetGuard } from '../../../common/ssrf/target-guard.js';
import { SecretBox } from '../../../common/secret-box.js';
import { signatureHeader } from '../../../common/signing.js';
import { WebhooksConfig } from '../../../config/webhooks.config.js';
import type { DueDelivery } from '../../due-messages.repository.js';
import { postOnce, type HttpAttemptResult } from '../../http-sender.js';
import { RecordDeliveryOutcome } from '../record-delivery-outcome/record-delivery-outcome.use-case.js';

const USER_AGENT = 'Agentry-Webhooks/1.0';

/**
 * One attempt at one message, Standard Webhooks style: the same `webhook-id` (the message id)
 * and body bytes on every attempt, a fresh timestamp and signature (by every live secret).
 */
@Injectable()
export class DeliverMessage {
  private readonly timeoutMs: number;

  constructor(
    private readonly guard: TargetGuard,
    private readonly secrets: SecretBox,
    private readonly recordOutcome: RecordDeliveryOutcome,
    config: WebhooksConfig,
  ) {
    this.timeoutMs = config.WEBHOOKS_DELIVERY_TIMEOUT_MS;
  }

  async execute(delivery: DueDelivery): Promise<void> {
    const attemptedAt = new Date();
    const result = await this.attempt(delivery, attemptedAt);
    await this.recordOutcome.execute(delivery, attemptedAt, result);
  }

  private async attempt(delivery: DueDelivery, attemptedAt: Date): Promise<HttpAttemptResult> {
    let url: URL;
    try {
      url = new URL(delivery.url);
    } catch {
      return { status: null, error: 'the endpoint URL is invalid', durationMs: 0 };
    }
    const refusal = this.guard.refusal(url);
    if (refusal) return { status: null, error: refusal, durationMs: 0 };
    const timestamp = Math.floor(attemptedAt.getTime() / 1000);
    const headers = {
      'content-type': 'application/json',
      'user-agent': USER_AGENT,
      'webhook-id': delivery.messageId,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signatureHeader(this.liveSecrets(delivery, attemptedAt), delivery.messageId, timestamp, delivery.body),
    };
    return postOnce(url, headers, delivery.body, this.timeoutMs, this.guard.lookup);
  }

  private liveSecrets(delivery: DueDelivery, now: Date): string[] {
    const current = this.secrets.open(delivery.secretEnc);
    const previousLive = delivery.previousSecretEnc && delivery.previousSecretExpiresAt && delivery.previousSecretExpiresAt > now;
    return previousLive ? [current, this.secrets.open(delivery.previousSecretEnc!)] : [current];
  }
}
