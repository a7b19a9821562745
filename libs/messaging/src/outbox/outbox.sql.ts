/**
 * DDL of the tables every service that emits or consumes events owns in its schema. Called
 * from each service's first migration so that the schema stays the service's own.
 */
export function outboxTableSql(schema: string): string[] {
  return [
    `CREATE TABLE "${schema}"."outbox" (
      "seq" bigserial PRIMARY KEY,
      "id" text NOT NULL UNIQUE,
      "subject" text NOT NULL,
      "payload" jsonb NOT NULL,
      "traceparent" text,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "published_at" timestamptz
    )`,
    `CREATE INDEX "outbox_unpublished" ON "${schema}"."outbox" ("seq") WHERE "published_at" IS NULL`,
  ];
}

/** Consumer de-duplication: one row per (consumer, event id) handled. */
export function processedEventsTableSql(schema: string): string[] {
  return [
    `CREATE TABLE "${schema}"."processed_events" (
      "consumer" text NOT NULL,
      "event_id" text NOT NULL,
      "processed_at" timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY ("consumer", "event_id")
    )`,
  ];
}
