import { connect, type NatsConnection } from '@nats-io/transport-node';

/**
 * Connects with the options the perf notes call for: no async stack traces per request
 * (a third of the requester's CPU) and one muxed reply subscription (the client default),
 * then batches socket writes (see `coalesceWrites`).
 */
export async function connectNats(url: string, name: string): Promise<NatsConnection> {
  const nc = await connect({ servers: url.split(','), name, noAsyncTraces: true, maxReconnectAttempts: -1 });
  coalesceWrites(nc);
  return nc;
}

interface Protocol {
  outbound: { fill(buf: Uint8Array, ...payloads: Uint8Array[]): void; size(): number };
  pendingLimit: number;
  sendCommand(cmd: string | Uint8Array, ...payloads: Uint8Array[]): void;
  flushPending(): void;
}

const encoder = new TextEncoder();

/**
 * nats-core flushes its outbound buffer at the end of every microtask queue. Under load each
 * HTTP request (or each database reply) arrives in its own macrotask, so every message became
 * its own socket write: the largest CPU cost in the gateway's and services' profiles. Flushing
 * at `setImmediate` sends everything produced in one event-loop turn in one write, at no cost
 * in latency (same turn). A full buffer still flushes at once. If the client's internals ever
 * change shape, this quietly does nothing.
 */
export function coalesceWrites(nc: NatsConnection): void {
  const protocol = (nc as unknown as { protocol?: Protocol }).protocol;
  if (!protocol || typeof protocol.sendCommand !== 'function' || typeof protocol.flushPending !== 'function' || !protocol.outbound) return;
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    protocol.flushPending();
  };
  protocol.sendCommand = (cmd, ...payloads) => {
    protocol.outbound.fill(typeof cmd === 'string' ? encoder.encode(cmd) : cmd, ...payloads);
    if (protocol.outbound.size() >= protocol.pendingLimit) {
      protocol.flushPending();
    } else if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  };
}
