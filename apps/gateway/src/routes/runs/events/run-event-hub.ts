import { Subjects, type RunEventAppendedBroadcast } from '@agentry/contracts';
import { Namespace, NATS_CONNECTION, subscribeBroadcast } from '@agentry/messaging';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';

type Poke = () => void;

/**
 * Tells open event streams that their run has something new. Two sources: state changes
 * (`events.run.*`, published by the runs service's outbox relay after commit; data = the run)
 * and runner events (the `runEventAppended` broadcast). Subscribed only while some stream
 * listens, so a gateway with no open stream parses nothing.
 */
@Injectable()
export class RunEventHub implements OnModuleDestroy {
  private readonly listeners = new Map<string, Set<Poke>>();
  private subscriptions: Subscription[] = [];

  constructor(@Inject(NATS_CONNECTION) private readonly nc: NatsConnection, private readonly namespace: Namespace) {}

  /** Calls `poke` whenever the run may have new events; returns the function that stops it. */
  listen(runId: string, poke: Poke): () => void {
    if (this.listeners.size === 0) this.subscribe();
    const set = this.listeners.get(runId) ?? new Set<Poke>();
    set.add(poke);
    this.listeners.set(runId, set);
    return () => {
      set.delete(poke);
      if (set.size === 0) this.listeners.delete(runId);
      if (this.listeners.size === 0) this.unsubscribe();
    };
  }

  onModuleDestroy(): void {
    this.unsubscribe();
  }

  private subscribe(): void {
    const deliver = (runId: unknown) => {
      if (typeof runId === 'string') this.listeners.get(runId)?.forEach((poke) => poke());
    };
    this.subscriptions = [
      subscribeBroadcast<{ data: { id?: unknown } }>(this.nc, this.namespace, 'events.run.*', (event) => deliver(event.data?.id)),
      subscribeBroadcast<RunEventAppendedBroadcast>(this.nc, this.namespace, Subjects.broadcast.runEventAppended, ({ runId }) => deliver(runId)),
    ];
  }

  private unsubscribe(): void {
    this.subscriptions.forEach((s) => s.unsubscribe());
    this.subscriptions = [];
  }
}
