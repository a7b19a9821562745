import { processedEventsTableSql } from '@agentry/messaging';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Audit records: append-only (a trigger refuses UPDATE, DELETE and TRUNCATE), one hash chain per
 * org (UNIQUE (org_id, prev_hash) makes a fork impossible), no foreign keys to tenancy so records
 * survive org deletion.
 */
export class Initial1733100000000 implements MigrationInterface {
  name = 'Initial1733100000000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of processedEventsTableSql('audit')) await q.query(sql);
    await q.query(`CREATE TABLE "audit"."audit_events" (
      "seq" bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
      "id" text PRIMARY KEY,
      "event_id" text NOT NULL UNIQUE,
      "org_id" text NOT NULL,
      "application_id" text,
      "occurred_at" timestamptz NOT NULL,
      "recorded_at" timestamptz NOT NULL DEFAULT now(),
      "action" text NOT NULL,
      "outcome" text NOT NULL CHECK ("outcome" IN ('success', 'denied', 'failure')),
      "actor_type" text NOT NULL CHECK ("actor_type" IN ('user', 'api_key', 'system')),
      "actor_id" text NOT NULL,
      "actor_user_id" text,
      "actor_api_key_id" text,
      "end_user_id" text,
      "impersonator_user_id" text,
      "impersonation_id" text,
      "resource_type" text NOT NULL,
      "resource_id" text NOT NULL,
      "request_id" text,
      "ip" text,
      "user_agent" text,
      "metadata" jsonb NOT NULL DEFAULT '{}'::jsonb,
      "hash" text NOT NULL,
      "prev_hash" text,
      CONSTRAINT "audit_events_chain_linear" UNIQUE NULLS NOT DISTINCT ("org_id", "prev_hash")
    )`);
    await q.query(`CREATE INDEX "audit_events_org_time" ON "audit"."audit_events" ("org_id", "occurred_at" DESC, "id" DESC)`);
    await q.query(`CREATE INDEX "audit_events_org_chain" ON "audit"."audit_events" ("org_id", "seq")`);
    await q.query(`CREATE INDEX "audit_events_org_action" ON "audit"."audit_events" ("org_id", "action", "occurred_at" DESC)`);
    await q.query(`CREATE INDEX "audit_events_org_actor" ON "audit"."audit_events" ("org_id", "actor_id", "occurred_at" DESC)`);
    await q.query(`CREATE INDEX "audit_events_org_resource" ON "audit"."audit_events" ("org_id", "resource_type", "resource_id")`);
    await q.query(`CREATE INDEX "audit_events_org_end_user" ON "audit"."audit_events" ("org_id", "end_user_id") WHERE "end_user_id" IS NOT NULL`);
    await q.query(`CREATE FUNCTION "audit"."refuse_audit_change"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit records are append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER "audit_events_append_only" BEFORE UPDATE OR DELETE ON "audit"."audit_events"
      FOR EACH ROW EXECUTE FUNCTION "audit"."refuse_audit_change"()`);
    await q.query(`CREATE TRIGGER "audit_events_no_truncate" BEFORE TRUNCATE ON "audit"."audit_events"
      FOR EACH STATEMENT EXECUTE FUNCTION "audit"."refuse_audit_change"()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "audit"."audit_events"`);
    await q.query(`DROP FUNCTION "audit"."refuse_audit_change"()`);
    await q.query(`DROP TABLE "audit"."processed_events"`);
  }
}
