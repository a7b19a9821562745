import { ServerNats } from '@nestjs/microservices';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { Namespace } from '../namespace.js';

/**
 * A reply the NATS server would refuse (over its `max_payload`) would leave the requester waiting
 * for its deadline: it becomes an error answer instead, at once. Size limits on what is stored
 * keep this from happening; this is the net under them.
 */
function fitReply(packet: unknown, connection: NatsConnection): string {
  const data = JSON.stringify(packet);
  const limit = connection.info?.max_payload ?? 1024 * 1024;
  if (data.length * 3 < limit || Buffer.byteLength(data) <= limit) return data;
  const { id } = packet as { id?: string };
  return JSON.stringify({
    id, isDisposed: true,
    err: { status: 500, code: 'response_too_large', title: 'Internal Server Error', detail: 'The answer is too large to send; ask for less (a smaller limit).' },
  });
}

/**
 * Nest's NATS transport, in the service's queue group, with each handler's subject prefixed by
 * the namespace. It reuses the service's own connection (created with `noAsyncTraces`).
 */
export class NamespacedNatsServer extends ServerNats {
  private readonly ownSubscriptions: Subscription[] = [];

  constructor(
    private readonly connection: NatsConnection,
    private readonly namespace: Namespace,
    private readonly queue: string,
  ) {
    super({ queue, gracefulShutdown: false, serializer: { serialize: (packet: unknown) => ({ data: fitReply(packet, connection), headers: undefined }) } });
  }

  /**
   * Our patterns are plain subject strings, so the handler is a map lookup. Nest's default
   * first tries `JSON.parse(pattern)`, which throws (and builds a stack) on every message.
   */
  override getHandlerByPattern(pattern: string) {
    return this.messageHandlers.get(pattern) ?? null;
  }

  override async createNatsClient(): Promise<never> {
    return this.connection as never;
  }

  override bindEvents(client: NatsConnection): void {
    for (const channel of this.messageHandlers.keys()) {
      const sub = client.subscribe(this.namespace.subject(channel), {
        queue: this.queue,
        callback: this.getMessageHandler(channel).bind(this),
      });
      this.ownSubscriptions.push(sub);
    }
  }

  /** The connection belongs to the service; closing the transport only drops the subscriptions. */
  override async close(): Promise<void> {
    this.ownSubscriptions.splice(0).forEach((sub) => sub.unsubscribe());
  }
}
