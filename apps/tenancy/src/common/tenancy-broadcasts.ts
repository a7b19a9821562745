import { Subjects, type MembershipChangedBroadcast, type QuotasChangedBroadcast } from '@agentry/contracts';
import { Namespace, NATS_CONNECTION, publishBroadcast } from '@agentry/messaging';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';

/**
 * Tells every replica that caches tenancy's answers (core NATS, no queue group) that an org's
 * cached entries are stale: memberships and pinned versions (gateways), quotas (gateways' rate
 * limits, runs' admission). Sent after commit; a lost broadcast only delays until the cache expires.
 */
@Injectable()
export class TenancyBroadcasts {
  private readonly logger = new Logger('TenancyBroadcasts');

  constructor(@Inject(NATS_CONNECTION) private readonly nc: NatsConnection, private readonly namespace: Namespace) {}

  membershipChanged(message: MembershipChangedBroadcast): void {
    this.publish(Subjects.broadcast.membershipChanged, message);
  }

  quotasChanged(message: QuotasChangedBroadcast): void {
    this.publish(Subjects.broadcast.quotasChanged, message);
  }

  private publish(subject: string, message: object): void {
    publishBroadcast(this.nc, this.namespace, subject, message, this.logger);
  }

}
