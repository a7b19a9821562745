import { Subjects, type RunCancelledBroadcast, type RunEventAppendedBroadcast } from '@agentry/contracts';
import { Namespace, NATS_CONNECTION } from '@agentry/messaging';
import { Inject, Injectable } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';

/** Core-NATS broadcasts, sent after commit: to runners (abort these runs) and to gateways (a run has a new event). */
@Injectable()
export class RunBroadcaster {
  constructor(@Inject(NATS_CONNECTION) private readonly nc: NatsConnection, private readonly namespace: Namespace) {}

  stopped(runIds: string[]): void {
    if (runIds.length === 0) return;
    const message: RunCancelledBroadcast = { runIds };
    this.nc.publish(this.namespace.subject(Subjects.broadcast.runCancelled), JSON.stringify(message));
  }

  eventAppended(runId: string, seq: number): void {
    const message: RunEventAppendedBroadcast = { runId, seq };
    this.nc.publish(this.namespace.subject(Subjects.broadcast.runEventAppended), JSON.stringify(message));
  }
}
