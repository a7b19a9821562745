import { Logger } from '@nestjs/common';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, type ConsumerMessages, type JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';

export interface DurableConsumerOptions {
  stream: string;
  durable: string;
  filterSubjects: string[];
  /** Redelivery delay after a failed handler, in ms. */
  retryDelayMs?: number;
  ackWaitMs?: number;
  /** Deliver only messages published after the consumer is first created. */
  deliverNew?: boolean;
  maxAckPending?: number;
}

/**
 * A durable pull consumer: it survives restarts (the server keeps its position), acks a message
 * only after the handler's transaction committed, and asks for redelivery when it failed. Handlers
 * must be idempotent on the message id; `claimEvent` helps.
 */
export class DurableConsumer {
  private readonly logger = new Logger('DurableConsumer');
  private messages: ConsumerMessages | undefined;
  private loop: Promise<void> | undefined;

  constructor(private readonly nc: NatsConnection, private readonly options: DurableConsumerOptions) {}

  /** A handler answering `'settled'` acked or nak'ed the message itself (e.g. deferred it). */
  async start(handler: (msg: JsMsg) => Promise<void | 'settled'>): Promise<void> {
    const { stream, durable, filterSubjects } = this.options;
    const jsm = await jetstreamManager(this.nc);
    const config = {
      durable_name: durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: this.options.deliverNew ? DeliverPolicy.New : DeliverPolicy.All,
      // One subject goes in `filter_subject`: `filter_subjects` needs NATS server 2.10+.
      ...(filterSubjects.length === 1 ? { filter_subject: filterSubjects[0] } : { filter_subjects: filterSubjects }),
      ack_wait: (this.options.ackWaitMs ?? 30_000) * 1_000_000,
      max_ack_pending: this.options.maxAckPending ?? 1000,
    };
    try {
      await jsm.consumers.info(stream, durable);
    } catch {
      await jsm.consumers.add(stream, config);
    }
    const consumer = await jetstream(this.nc).consumers.get(stream, durable);
    this.messages = await consumer.consume({ max_messages: 100 });
    const messages = this.messages;
    this.loop = (async () => {
      for await (const msg of messages) {
        try {
          if ((await handler(msg)) !== 'settled') msg.ack();
        } catch (error) {
          this.logger.warn(`${durable}: handler failed for ${msg.subject} (delivery ${msg.info.deliveryCount}): ${(error as Error).message}`);
          msg.nak(this.options.retryDelayMs ?? 1000);
        }
      }
    })();
  }

  async stop(): Promise<void> {
    if (!this.messages) return;
    await this.messages.close();
    await this.loop;
    this.messages = undefined;
  }
}
