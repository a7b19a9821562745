import { outboxTableSql } from '@agentry/messaging';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1733100000000 implements MigrationInterface {
  name = 'Initial1733100000000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of outboxTableSql('runs')) await q.query(sql);
    await q.query(`CREATE TABLE "runs"."agents" (
      "id" text PRIMARY KEY,
      "org_id" text NOT NULL,
      "application_id" text NOT NULL,
      "slug" text NOT NULL,
      "name" text NOT NULL,
      "description" text,
      "latest_version" integer NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      "deleted_at" timestamptz
    )`);
    // A deleted agent frees its slug.
    await q.query(`CREATE UNIQUE INDEX "agents_slug_unique" ON "runs"."agents" ("org_id", "application_id", "slug") WHERE "deleted_at" IS NULL`);
    await q.query(`CREATE INDEX "agents_list" ON "runs"."agents" ("org_id", "application_id", "id" DESC) WHERE "deleted_at" IS NULL`);

    await q.query(`CREATE TABLE "runs"."agent_versions" (
      "id" text PRIMARY KEY,
      "agent_id" text NOT NULL REFERENCES "runs"."agents"("id"),
      "org_id" text NOT NULL,
      "application_id" text NOT NULL,
      "version" integer NOT NULL,
      "executor" jsonb NOT NULL,
      "input_schema" jsonb,
      "output_schema" jsonb,
      "timeout_seconds" integer NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "agent_versions_unique" UNIQUE ("agent_id", "version")
    )`);

    await q.query(`CREATE TABLE "runs"."runs" (
      "id" text PRIMARY KEY,
      "org_id" text NOT NULL,
      "application_id" text NOT NULL,
      "agent_id" text NOT NULL,
      "agent_version_id" text NOT NULL REFERENCES "runs"."agent_versions"("id"),
      "agent_version" integer NOT NULL,
      "end_user_id" text,
      "api_key_id" text,
      "created_by" text,
      "principal_id" text NOT NULL,
      "idempotency_key" text,
      "status" text NOT NULL CHECK ("status" IN ('queued', 'running', 'succeeded', 'failed', 'cancelled', 'timed_out')),
      "input" jsonb NOT NULL,
      "output" jsonb,
      "error" jsonb,
      "input_tokens" bigint NOT NULL DEFAULT 0,
      "output_tokens" bigint NOT NULL DEFAULT 0,
      "cost_micro_usd" bigint NOT NULL DEFAULT 0,
      "metadata" jsonb NOT NULL DEFAULT '{}'::jsonb,
      "timeout_seconds" integer NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "dispatched_at" timestamptz,
      "started_at" timestamptz,
      "heartbeat_at" timestamptz,
      "finished_at" timestamptz,
      "cancel_reason" text
    )`);
    // A retried create (same org, application, principal, end-user and Idempotency-Key) finds the first run.
    await q.query(`CREATE UNIQUE INDEX "runs_idempotency_unique" ON "runs"."runs"
      ("org_id", "application_id", "principal_id", (COALESCE("end_user_id", '')), "idempotency_key") WHERE "idempotency_key" IS NOT NULL`);
    await q.query(`CREATE INDEX "runs_list" ON "runs"."runs" ("org_id", "application_id", "id" DESC)`);
    await q.query(`CREATE INDEX "runs_end_user_list" ON "runs"."runs" ("org_id", "application_id", "end_user_id", "id" DESC) WHERE "end_user_id" IS NOT NULL`);
    // Admission counts and the FIFO queue only touch live runs.
    await q.query(`CREATE INDEX "runs_live" ON "runs"."runs" ("org_id", "created_at", "id") WHERE "status" IN ('queued', 'running')`);
    await q.query(`CREATE INDEX "runs_running" ON "runs"."runs" ("heartbeat_at") WHERE "status" = 'running'`);

    await q.query(`CREATE TABLE "runs"."run_events" (
      "seq" bigserial PRIMARY KEY,
      "run_id" text NOT NULL REFERENCES "runs"."runs"("id") ON DELETE CASCADE,
      "type" text NOT NULL,
      "data" jsonb NOT NULL DEFAULT '{}'::jsonb,
      "created_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX "run_events_run" ON "runs"."run_events" ("run_id", "seq")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "runs"."run_events"`);
    await q.query(`DROP TABLE "runs"."runs"`);
    await q.query(`DROP TABLE "runs"."agent_versions"`);
    await q.query(`DROP TABLE "runs"."agents"`);
    await q.query(`DROP TABLE "runs"."outbox"`);
  }
}
