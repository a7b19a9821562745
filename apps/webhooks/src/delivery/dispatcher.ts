import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DispatchSignal } from '../common/dispatch-signal.js';
import { WebhooksConfig } from '../config/webhooks.config.js';
import { DueMessagesRepository, type DueDelivery } from './due-messages.repository.js';
import { DeliverMessage } from './use-cases/deliver-message/deliver-message.use-case.js';

/** Messages one endpoint gets per claim; they go one after another, so the lease covers them all. */
const PER_ENDPOINT = 5;

/**
 * Polls for due messages (and wakes at once when the DispatchSignal is raised). Each endpoint's
 * claimed messages are delivered in order, one at a time; different endpoints in parallel, up to
 * WEBHOOKS_DISPATCH_CONCURRENCY. A slow endpoint never holds up the others.
 */
@Injectable()
export class Dispatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('WebhookDispatcher');
  private readonly busy = new Map<string, Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private claiming = false;
  private again = false;
  private stopped = true;
  private stopListening: (() => void) | undefined;

  constructor(
    private readonly config: WebhooksConfig,
    private readonly due: DueMessagesRepository,
    private readonly deliverMessage: DeliverMessage,
    private readonly signal: DispatchSignal,
  ) {}

  onApplicationBootstrap(): void {
    this.stopped = false;
    this.stopListening = this.signal.listen(() => this.nudge());
    this.schedule(0);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    this.stopListening?.();
    if (this.timer) clearTimeout(this.timer);
    while (this.claiming) await new Promise((r) => setTimeout(r, 10));
    await Promise.allSettled([...this.busy.values()]);
  }

  /** Look now (coalesced with a claim already running). */
  nudge(): void {
    if (this.stopped) return;
    if (this.claiming) {
      this.again = true;
      return;
    }
    this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.fill(), ms);
  }

  private async fill(): Promise<void> {
    if (this.claiming || this.stopped) return;
    this.claiming = true;
    let delay = this.config.WEBHOOKS_DISPATCH_INTERVAL_MS;
    try {
      let claimed: number;
      do {
        this.again = false;
        claimed = await this.claimAndStart();
      } while ((claimed > 0 || this.again) && !this.stopped && this.busy.size < this.config.WEBHOOKS_DISPATCH_CONCURRENCY);
    } catch (error) {
      this.logger.warn(`claiming due webhook messages failed, retrying: ${(error as Error).message}`);
      delay = 1000;
    } finally {
      this.claiming = false;
      if (!this.stopped) this.schedule(this.again ? 0 : delay);
    }
  }

  private async claimAndStart(): Promise<number> {
    const free = this.config.WEBHOOKS_DISPATCH_CONCURRENCY - this.busy.size;
    if (free <= 0) return 0;
    const deliveries = await this.due.claim({
      limit: Math.min(this.config.WEBHOOKS_DISPATCH_BATCH, free * PER_ENDPOINT),
      perEndpoint: PER_ENDPOINT,
      leaseMs: PER_ENDPOINT * this.config.WEBHOOKS_DELIVERY_TIMEOUT_MS + 30_000,
      busyEndpointIds: [...this.busy.keys()],
    });
    for (const [endpointId, queue] of groupByEndpoint(deliveries)) {
      const run = this.deliverInOrder(queue).finally(() => {
        this.busy.delete(endpointId);
        this.nudge();
      });
      this.busy.set(endpointId, run);
    }
    return deliveries.length;
  }

  private async deliverInOrder(queue: DueDelivery[]): Promise<void> {
    for (const [index, delivery] of queue.entries()) {
      if (this.stopped) {
        // Shutting down: hand back what was not attempted instead of waiting out the lease.
        const rest = queue.slice(index);
        await this.due.release({ orgId: rest[0]!.orgId }, rest.map((d) => d.messageId)).catch(() => undefined);
        return;
      }
      try {
        await this.deliverMessage.execute(delivery);
      } catch (error) {
        // Not recorded: the lease expires and the message is attempted again.
        this.logger.warn(`delivering ${delivery.messageId} failed: ${(error as Error).message}`);
      }
    }
  }
}

function groupByEndpoint(deliveries: DueDelivery[]): Map<string, DueDelivery[]> {
  const groups = new Map<string, DueDelivery[]>();
  for (const d of deliveries) groups.set(d.endpointId, [...(groups.get(d.endpointId) ?? []), d]);
  return groups;
}
