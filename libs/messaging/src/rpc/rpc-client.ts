import { AppError, appError, type RequestContext, type RpcEnvelope } from '@agentry/contracts';
import { headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import { Namespace } from '../namespace.js';
import type { ReplyPacket, RequestPacket } from './packet.js';

export interface RpcOptions {
  /** Deadline for the reply; past it the caller gets 504 `service_timeout`. */
  timeoutMs?: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Request/reply over core NATS, speaking Nest's microservice packet format so services stay
 * plain Nest message handlers. One muxed inbox serves all requests (the NATS client default).
 * Typed errors come back as AppError with their status and code; no responder → 503, deadline → 504.
 */
export class RpcClient {
  private seq = 0;

  constructor(
    private readonly nc: NatsConnection,
    private readonly namespace: Namespace,
    private readonly defaultTimeoutMs = 5000,
  ) {}

  async request<TReply, TData = unknown>(subject: string, ctx: RequestContext, data: TData, options: RpcOptions = {}): Promise<TReply> {
    const packet: RequestPacket<RpcEnvelope<TData>> = { pattern: subject, data: { ctx, data }, id: `${++this.seq}` };
    const h = ctx.traceparent ? natsHeaders() : undefined;
    if (h && ctx.traceparent) h.set('traceparent', ctx.traceparent);
    let raw: Uint8Array;
    try {
      const msg = await this.nc.request(this.namespace.subject(subject), encoder.encode(JSON.stringify(packet)), {
        timeout: options.timeoutMs ?? this.defaultTimeoutMs,
        headers: h,
      });
      raw = msg.data;
    } catch (error) {
      throw toTransportError(error, subject);
    }
    const reply = JSON.parse(decoder.decode(raw)) as ReplyPacket<TReply>;
    if (reply.err !== undefined && reply.err !== null) throw toAppError(reply.err);
    return reply.response as TReply;
  }
}

function toTransportError(error: unknown, subject: string): AppError {
  const e = error as { name?: string; message?: string; cause?: { name?: string }; isNoResponders?: () => boolean };
  const service = subject.split('.')[0];
  if (e.isNoResponders?.() || e.cause?.name === 'NoRespondersError' || /no responders/i.test(e.message ?? '')) {
    return appError(503, 'service_unavailable', `The ${service} service is not available. Try again shortly.`);
  }
  if (e.name === 'TimeoutError' || e.cause?.name === 'TimeoutError' || /timeout/i.test(e.message ?? '')) {
    return appError(504, 'service_timeout', `The ${service} service did not answer in time.`);
  }
  return appError(503, 'service_unavailable', `The ${service} service could not be reached.`);
}

function toAppError(err: NonNullable<ReplyPacket['err']>): AppError {
  if (AppError.isShape(err)) return AppError.fromShape(err);
  return appError(500, 'internal_error', 'Something went wrong on our side.');
}
