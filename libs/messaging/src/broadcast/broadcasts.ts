import type { Logger } from '@nestjs/common';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { Namespace } from '../namespace.js';

/**
 * Core-NATS broadcasts (no queue group: every replica hears them) carry cache evictions and
 * aborts, sent after commit. Losing one only delays until a cache expires, so publishing never
 * throws; a malformed message never throws in a NATS callback either.
 */
export function publishBroadcast(nc: NatsConnection, namespace: Namespace, subject: string, message: object, logger: Logger): void {
  try {
    nc.publish(namespace.subject(subject), JSON.stringify(message));
  } catch (error) {
    logger.warn(`could not broadcast ${subject}: ${(error as Error).message}`);
  }
}

/** The handler gets the parsed body, or `{}` when it was not JSON: check each field it reads. */
export function subscribeBroadcast<T>(nc: NatsConnection, namespace: Namespace, subject: string, handle: (message: Partial<T>) => void): Subscription {
  return nc.subscribe(namespace.subject(subject), {
    callback: (_error, msg) => handle(parseBroadcast(msg.data) as Partial<T>),
  });
}

function parseBroadcast(data: Uint8Array): unknown {
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(data));
    return value !== null && typeof value === 'object' ? value : {};
  } catch {
    return {};
  }
}
