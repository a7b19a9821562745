import { AppError, appError, type RequestContext, type RpcEnvelope } from '@agentry/contracts';
import { createInbox, headers as natsHeaders, type MsgHdrs, type Msg, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import { Namespace } from '../namespace.js';
import type { ReplyPacket, RequestPacket } from './packet.js';

export interface RpcOptions {
  /** Deadline for the reply; past it the caller gets 504 `service_timeout`. */
  timeoutMs?: number;
}

interface Pending {
  resolve(data: Uint8Array): void;
  reject(error: AppError): void;
  timer: NodeJS.Timeout;
  subject: string;
}

const decoder = new TextDecoder();

/**
 * Request/reply over core NATS, speaking Nest's microservice packet format so services stay
 * plain Nest message handlers. All replies arrive on one wildcard inbox subscription and are
 * matched by token: the client's own `request()` allocated a deferred, a timer and an Error
 * (for its stack) per call, which the gateway's profile showed as its largest own cost.
 * Typed errors come back as AppError with their status and code; no responder → 503,
 * deadline → 504.
 */
export class RpcClient {
  private seq = 0;
  private readonly inbox: string;
  private readonly pending = new Map<string, Pending>();
  private subscription: Subscription | undefined;

  constructor(
    private readonly nc: NatsConnection,
    private readonly namespace: Namespace,
    private readonly defaultTimeoutMs = 5000,
  ) {
    this.inbox = `${createInbox()}.`;
  }

  request<TReply, TData = unknown>(subject: string, ctx: RequestContext, data: TData, options: RpcOptions = {}): Promise<TReply> {
    this.listen();
    const id = `${++this.seq}`;
    const packet: RequestPacket<RpcEnvelope<TData>> = { pattern: subject, data: { ctx, data }, id };
    let h: MsgHdrs | undefined;
    if (ctx.traceparent) {
      h = natsHeaders();
      h.set('traceparent', ctx.traceparent);
    }
    return new Promise<Uint8Array>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(appError(504, 'service_timeout', `The ${serviceOf(subject)} service did not answer in time.`));
      }, options.timeoutMs ?? this.defaultTimeoutMs);
      this.pending.set(id, { resolve, reject, timer, subject });
      try {
        this.nc.publish(this.namespace.subject(subject), JSON.stringify(packet), { reply: this.inbox + id, headers: h });
      } catch {
        clearTimeout(timer);
        this.pending.delete(id);
        reject(appError(503, 'service_unavailable', `The ${serviceOf(subject)} service could not be reached.`));
      }
    }).then((raw) => {
      const reply = JSON.parse(decoder.decode(raw)) as ReplyPacket<TReply>;
      if (reply.err !== undefined && reply.err !== null) throw toAppError(reply.err);
      return reply.response as TReply;
    });
  }

  /** Stops listening; requests still waiting fail with 503. */
  close(): void {
    this.subscription?.unsubscribe();
    this.subscription = undefined;
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      this.pending.delete(id);
      p.reject(appError(503, 'service_unavailable', `The ${serviceOf(p.subject)} service could not be reached.`));
    }
  }

  private listen(): void {
    if (this.subscription) return;
    this.subscription = this.nc.subscribe(`${this.inbox}*`, { callback: (_err, msg) => this.onReply(msg) });
  }

  private onReply(msg: Msg): void {
    const id = msg.subject.slice(this.inbox.length);
    const p = this.pending.get(id);
    if (!p) return; // late reply after a timeout
    this.pending.delete(id);
    clearTimeout(p.timer);
    // The server answers a request nobody subscribes to with an empty 503 status message.
    if (msg.data.length === 0 && msg.headers?.code === 503) {
      p.reject(appError(503, 'service_unavailable', `The ${serviceOf(p.subject)} service is not available. Try again shortly.`));
      return;
    }
    p.resolve(msg.data);
  }
}

function serviceOf(subject: string): string {
  return subject.split('.')[0] ?? subject;
}

function toAppError(err: NonNullable<ReplyPacket['err']>): AppError {
  if (AppError.isShape(err)) return AppError.fromShape(err);
  return appError(500, 'internal_error', 'Something went wrong on our side.');
}
