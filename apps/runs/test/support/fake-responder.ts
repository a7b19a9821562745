import type { NatsConnection, Subscription } from '@nats-io/transport-node';

const decoder = new TextDecoder();

/**
 * Answers one RPC subject the way a Nest service would (`{id, response}` or `{id, err}`), so a
 * test can stand in for another service (tenancy quotas, identity connections).
 */
export function fakeResponder(
  nc: NatsConnection,
  namespace: string,
  subject: string,
  handler: (envelope: { ctx: { orgId?: string }; data: unknown }) => unknown,
): Subscription {
  return nc.subscribe(`${namespace}.${subject}`, {
    callback: (_error, msg) => {
      const packet = JSON.parse(decoder.decode(msg.data)) as { id: string; data: { ctx: { orgId?: string }; data: unknown } };
      try {
        msg.respond(JSON.stringify({ id: packet.id, response: handler(packet.data), isDisposed: true }));
      } catch (error) {
        msg.respond(JSON.stringify({ id: packet.id, err: error, isDisposed: true }));
      }
    },
  });
}
