import { Subjects, type MembershipChangedBroadcast } from '@agentry/contracts';
import { Namespace, NATS_CONNECTION } from '@agentry/messaging';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';

/**
 * Tells every gateway replica (core NATS, no queue group) that cached membership resolutions of
 * an org may be stale. Sent after commit; a lost broadcast only delays until the cache expires.
 */
@Injectable()
export class MembershipBroadcaster {
  private readonly logger = new Logger('MembershipBroadcaster');

  constructor(@Inject(NATS_CONNECTION) private readonly nc: NatsConnection, private readonly namespace: Namespace) {}

  publish(message: MembershipChangedBroadcast): void {
    try {
      this.nc.publish(this.namespace.subject(Subjects.broadcast.membershipChanged), JSON.stringify(message));
    } catch (error) {
      this.logger.warn(`membership broadcast failed: ${(error as Error).message}`);
    }
  }
}
