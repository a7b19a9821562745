import type { NatsConnection, Subscription } from '@nats-io/transport-node';

const decoder = new TextDecoder();

/** Returned by a handler to stay silent (the caller then times out). */
export const NO_REPLY = Symbol('NO_REPLY');

/**
 * Answers one RPC subject the way a Nest service would (`{id, response}` or `{id, err}`), so a
 * test can stand in for another service (tenancy quotas, identity connections).
 */
export function fakeResponder(
  nc: NatsConnection,
  namespace: string,
  subject: string,
  handler: (envelope: { ctx: { orgId?: string; principal: { type: string } }; data: Record<string, unknown> }) => unknown,
): Subscription {
  return nc.subscribe(`${namespace}.${subject}`, {
    callback: (_error, msg) => {
      const packet = JSON.parse(decoder.decode(msg.data)) as { id: string; data: Parameters<typeof handler>[0] };
      try {
        const response = handler(packet.data);
        if (response !== NO_REPLY) msg.respond(JSON.stringify({ id: packet.id, response, isDisposed: true }));
      } catch (error) {
        msg.respond(JSON.stringify({ id: packet.id, err: error, isDisposed: true }));
      }
    },
  });
}
