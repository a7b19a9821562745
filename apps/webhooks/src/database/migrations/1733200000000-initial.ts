import { outboxTableSql, processedEventsTableSql } from '@agentry/messaging';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Endpoints (app-scoped), the exact payload bytes of each event (stored once), one message per
 * (endpoint, event), and every delivery attempt.
 */
export class Initial1733200000000 implements MigrationInterface {
  name = 'Initial1733200000000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of outboxTableSql('webhooks')) await q.query(sql);
    for (const sql of processedEventsTableSql('webhooks')) await q.query(sql);
    await q.query(`CREATE TABLE "webhooks"."endpoints" (
      "id" text PRIMARY KEY,
      "org_id" text NOT NULL,
      "application_id" text NOT NULL,
      "url" text NOT NULL,
      "events" text[] NOT NULL,
      "description" text,
      "enabled" boolean NOT NULL DEFAULT true,
      "disabled_reason" text,
      "secret_enc" text NOT NULL,
      "previous_secret_enc" text,
      "previous_secret_expires_at" timestamptz,
      "failing_since" timestamptz,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX "endpoints_scope" ON "webhooks"."endpoints" ("org_id", "application_id", "id" DESC)`);
    await q.query(`CREATE INDEX "endpoints_subscribers" ON "webhooks"."endpoints" ("org_id") WHERE "enabled"`);
    await q.query(`CREATE TABLE "webhooks"."payloads" (
      "event_id" text PRIMARY KEY,
      "org_id" text NOT NULL,
      "event_type" text NOT NULL,
      "body" text NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE "webhooks"."messages" (
      "id" text PRIMARY KEY,
      "org_id" text NOT NULL,
      "application_id" text NOT NULL,
      "endpoint_id" text NOT NULL REFERENCES "webhooks"."endpoints"("id") ON DELETE CASCADE,
      "event_id" text NOT NULL REFERENCES "webhooks"."payloads"("event_id"),
      "event_type" text NOT NULL,
      "status" text NOT NULL CHECK ("status" IN ('pending', 'delivered', 'failed')),
      "attempt_count" integer NOT NULL DEFAULT 0,
      "next_attempt_at" timestamptz,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "messages_once_per_endpoint" UNIQUE ("endpoint_id", "event_id")
    )`);
    await q.query(`CREATE INDEX "messages_due" ON "webhooks"."messages" ("next_attempt_at") WHERE "status" = 'pending'`);
    await q.query(`CREATE INDEX "messages_endpoint" ON "webhooks"."messages" ("endpoint_id", "id" DESC)`);
    await q.query(`CREATE TABLE "webhooks"."attempts" (
      "id" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      "message_id" text NOT NULL REFERENCES "webhooks"."messages"("id") ON DELETE CASCADE,
      "attempted_at" timestamptz NOT NULL,
      "status" integer,
      "error" text,
      "duration_ms" integer NOT NULL
    )`);
    await q.query(`CREATE INDEX "attempts_message" ON "webhooks"."attempts" ("message_id", "id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['attempts', 'messages', 'payloads', 'endpoints', 'processed_events', 'outbox']) await q.query(`DROP TABLE "webhooks"."${table}"`);
  }
}
