import { Subjects, type ApiKeyRevokedBroadcast } from '@agentry/contracts';
import { NATS_CONNECTION, Namespace } from '@agentry/messaging';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';

/**
 * Tells every gateway replica at once that a key is revoked (core NATS, no queue group), so
 * cached authentications are dropped within a second. Called only after the revocation committed.
 */
@Injectable()
export class ApiKeyRevocations {
  private readonly logger = new Logger('ApiKeyRevocations');

  constructor(@Inject(NATS_CONNECTION) private readonly nc: NatsConnection, private readonly namespace: Namespace) {}

  broadcast(message: ApiKeyRevokedBroadcast): void {
    try {
      this.nc.publish(this.namespace.subject(Subjects.broadcast.apiKeyRevoked), JSON.stringify(message));
    } catch (error) {
      // The revocation is committed; a gateway that misses this sees it at its next authentication.
      this.logger.warn(`could not broadcast the revocation of ${message.apiKeyId}: ${(error as Error).message}`);
    }
  }
}
