import { connectNats, Namespace, OutboxRelay, OutboxWriter, outboxTableSql, type NewEvent } from '@agentry/messaging';
import { createServiceDataSource } from '@agentry/persistence';
import { natsUrl } from '@agentry/testing';
import { jetstream } from '@nats-io/jetstream';
import type { EventEnvelope } from '@agentry/contracts';
import { waitFor } from './events.js';

/**
 * A stand-in for another service: an outbox in a throwaway schema of the test database and the
 * real OutboxRelay publishing it to the namespaced EVENTS stream.
 */
export async function startEmitter(databaseUrl: string, namespace: string) {
  const schema = 'emitter';
  const dataSource = createServiceDataSource({ url: databaseUrl, schema, poolSize: 2 });
  await dataSource.initialize();
  await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  for (const sql of outboxTableSql(schema)) await dataSource.query(sql);
  const nc = await connectNats(natsUrl(), 'test-emitter');
  const writer = new OutboxWriter(schema);

  const relayOnce = async () => {
    const relay = new OutboxRelay(dataSource, jetstream(nc), new Namespace(namespace), schema, 20);
    relay.start();
    await waitFor(async () => {
      const [row] = await dataSource.query(`SELECT count(*)::int AS n FROM "${schema}"."outbox" WHERE "published_at" IS NULL`);
      return row.n === 0;
    });
    await relay.stop();
  };

  return {
    /** Writes the events in one transaction, as a service's use case would. */
    emit: (events: NewEvent<unknown>[]): Promise<EventEnvelope<unknown>[]> =>
      dataSource.transaction(async (manager) => {
        const written: EventEnvelope<unknown>[] = [];
        for (const event of events) written.push(await writer.addEvent(manager, event));
        return written;
      }),
    relay: relayOnce,
    /** Marks every row unpublished and relays again: a relay that crashed between publish and mark. */
    republishAll: async () => {
      await dataSource.query(`UPDATE "${schema}"."outbox" SET "published_at" = NULL`);
      await relayOnce();
    },
    close: async () => {
      await nc.close();
      await dataSource.destroy();
    },
  };
}
