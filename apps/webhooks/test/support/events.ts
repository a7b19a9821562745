import { CURRENT_API_VERSION, newId, type AuditBlock, type EventEnvelope } from '@agentry/contracts';
import { Namespace } from '@agentry/messaging';
import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';

export interface EventOptions {
  orgId: string;
  applicationId?: string | null;
  type?: string;
  createdAt?: string;
  audit?: Partial<AuditBlock> | null;
  data?: Record<string, unknown>;
}

/** An event as a service's outbox would write it, with an audit block unless `audit: null`. */
export function platformEvent(options: EventOptions): EventEnvelope {
  const id = newId('evt');
  const audit: AuditBlock | undefined =
    options.audit === null
      ? undefined
      : {
          action: 'end_user.create', outcome: 'success',
          actor: { type: 'api_key', id: 'key_01JAAAAAAAAAAAAAAAAAAAAAAA', apiKeyId: 'key_01JAAAAAAAAAAAAAAAAAAAAAAA', userId: 'usr_01JAAAAAAAAAAAAAAAAAAAAAAA' },
          resource: { type: 'end_user', id: newId('eu') },
          requestId: newId('req'), ip: '203.0.113.9', userAgent: 'curl/8', metadata: { source: 'test' },
          ...options.audit,
        };
  return {
    id, type: options.type ?? 'run.succeeded', createdAt: options.createdAt ?? new Date().toISOString(), apiVersion: CURRENT_API_VERSION,
    orgId: options.orgId, applicationId: options.applicationId === undefined ? 'app_01JAAAAAAAAAAAAAAAAAAAAAAA' : options.applicationId,
    data: options.data ?? { hello: 'world' }, ...(audit ? { audit } : {}),
  };
}

/** Publishes straight to the namespaced EVENTS stream, the message id being the event id unless told otherwise. */
export async function publishEvent(nc: NatsConnection, namespace: string, event: EventEnvelope, msgID: string = event.id): Promise<{ duplicate: boolean }> {
  const ack = await jetstream(nc).publish(new Namespace(namespace).subject(`events.${event.type}`), JSON.stringify(event), { msgID });
  return { duplicate: ack.duplicate };
}

export async function waitFor<T>(probe: () => Promise<T | undefined | null | false>, timeoutMs = 10_000, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
