import type { EntityManager } from 'typeorm';

/**
 * Records that `consumer` handled `eventId`, inside the handler's transaction. Returns false when
 * it was handled before: the caller then does nothing, which makes redelivery harmless.
 */
export async function claimEvent(manager: EntityManager, schema: string, consumer: string, eventId: string): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    `INSERT INTO "${schema}"."processed_events" ("consumer", "event_id") VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1`,
    [consumer, eventId],
  );
  return rows.length === 1;
}
