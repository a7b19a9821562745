import { Subjects, type ApiKeyRevokedBroadcast, type EndUserDeletedBroadcast, type SessionRevokedBroadcast } from '@agentry/contracts';
import { Namespace, NATS_CONNECTION, publishBroadcast } from '@agentry/messaging';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';

/**
 * Tells every gateway replica at once (core NATS, no queue group) that something it may have
 * cached is gone: a revoked key, an ended session, a deleted end-user. Called only after the
 * change committed. A gateway that misses one still stops trusting its entry when the entry expires.
 */
@Injectable()
export class IdentityBroadcasts {
  private readonly logger = new Logger('IdentityBroadcasts');

  constructor(@Inject(NATS_CONNECTION) private readonly nc: NatsConnection, private readonly namespace: Namespace) {}

  apiKeyRevoked(message: ApiKeyRevokedBroadcast): void {
    this.publish(Subjects.broadcast.apiKeyRevoked, message);
  }

  sessionRevoked(message: SessionRevokedBroadcast): void {
    this.publish(Subjects.broadcast.sessionRevoked, message);
  }

  endUserDeleted(message: EndUserDeletedBroadcast): void {
    this.publish(Subjects.broadcast.endUserDeleted, message);
  }

  private publish(subject: string, message: object): void {
    publishBroadcast(this.nc, this.namespace, subject, message, this.logger);
  }

}
