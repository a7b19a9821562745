import { Subjects, type RunCancelledBroadcast } from '@agentry/contracts';
import { Namespace, NATS_CONNECTION } from '@agentry/messaging';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { ActiveRuns } from './active-runs.js';

/** Hears the run-cancelled broadcast (every runner, no queue group) and aborts those runs at once. */
@Injectable()
export class CancellationListener implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('CancellationListener');
  private subscription: Subscription | undefined;

  constructor(@Inject(NATS_CONNECTION) private readonly nc: NatsConnection, private readonly namespace: Namespace, private readonly active: ActiveRuns) {}

  onApplicationBootstrap(): void {
    this.subscription = this.nc.subscribe(this.namespace.subject(Subjects.broadcast.runCancelled), {
      callback: (error, msg) => {
        if (error) return;
        try {
          const { runIds } = msg.json<RunCancelledBroadcast>();
          if (Array.isArray(runIds)) for (const runId of runIds) if (typeof runId === 'string') this.active.abort(runId, 'cancelled');
        } catch {
          this.logger.warn('ignored a malformed run-cancelled broadcast');
        }
      },
    });
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }
}
