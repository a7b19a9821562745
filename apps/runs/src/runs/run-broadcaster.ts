import { Subjects, type RunCancelledBroadcast } from '@agentry/contracts';
import { Namespace, NATS_CONNECTION } from '@agentry/messaging';
import { Inject, Injectable } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';

/** Core-NATS broadcast (every runner hears it): abort these runs now. Sent after commit. */
@Injectable()
export class RunBroadcaster {
  constructor(@Inject(NATS_CONNECTION) private readonly nc: NatsConnection, private readonly namespace: Namespace) {}

  stopped(runIds: string[]): void {
    if (runIds.length === 0) return;
    const message: RunCancelledBroadcast = { runIds };
    this.nc.publish(this.namespace.subject(Subjects.broadcast.runCancelled), JSON.stringify(message));
  }
}
