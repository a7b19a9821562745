import { outboxTableSql } from '@agentry/messaging';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1733100000000 implements MigrationInterface {
  name = 'Initial1733100000000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of outboxTableSql('tenancy')) await q.query(sql);
    await q.query(`CREATE TABLE "tenancy"."organizations" (
      "id" text PRIMARY KEY,
      "name" text NOT NULL,
      "api_version" text NOT NULL,
      "audit_retention_days" integer NOT NULL DEFAULT 365 CHECK ("audit_retention_days" BETWEEN 1 AND 3650),
      "default_application_id" text NOT NULL,
      "created_by" text NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      "deleted_at" timestamptz
    )`);
    await q.query(`CREATE TABLE "tenancy"."applications" (
      "id" text PRIMARY KEY,
      "org_id" text NOT NULL REFERENCES "tenancy"."organizations"("id") ON DELETE CASCADE,
      "name" text NOT NULL,
      "is_default" boolean NOT NULL DEFAULT false,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      "deleted_at" timestamptz,
      CONSTRAINT "applications_org_id_id" UNIQUE ("org_id", "id")
    )`);
    await q.query(`CREATE UNIQUE INDEX "applications_one_default" ON "tenancy"."applications" ("org_id") WHERE "is_default"`);
    await q.query(`CREATE INDEX "applications_live" ON "tenancy"."applications" ("org_id", "id" DESC) WHERE "deleted_at" IS NULL`);
    // The default application is one of the org's own; checked at commit (both rows are written in one transaction).
    await q.query(`ALTER TABLE "tenancy"."organizations" ADD CONSTRAINT "organizations_default_application"
      FOREIGN KEY ("id", "default_application_id") REFERENCES "tenancy"."applications" ("org_id", "id") DEFERRABLE INITIALLY DEFERRED`);
    await q.query(`CREATE TABLE "tenancy"."roles" (
      "id" text PRIMARY KEY,
      "org_id" text NOT NULL REFERENCES "tenancy"."organizations"("id") ON DELETE CASCADE,
      "name" text NOT NULL,
      "permissions" text[] NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE UNIQUE INDEX "roles_org_name" ON "tenancy"."roles" ("org_id", lower("name"))`);
    await q.query(`CREATE INDEX "roles_org" ON "tenancy"."roles" ("org_id", "id" DESC)`);
    // `role` is a built-in role name or the id of one of the org's custom roles.
    await q.query(`CREATE TABLE "tenancy"."memberships" (
      "org_id" text NOT NULL REFERENCES "tenancy"."organizations"("id") ON DELETE CASCADE,
      "user_id" text NOT NULL,
      "role" text NOT NULL CHECK ("role" IN ('owner', 'admin', 'member', 'viewer') OR "role" LIKE 'role\\_%'),
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY ("org_id", "user_id")
    )`);
    await q.query(`CREATE INDEX "memberships_user" ON "tenancy"."memberships" ("user_id", "org_id" DESC)`);
    await q.query(`CREATE TABLE "tenancy"."quotas" (
      "org_id" text PRIMARY KEY REFERENCES "tenancy"."organizations"("id") ON DELETE CASCADE,
      "requests_per_minute" integer NOT NULL DEFAULT 600 CHECK ("requests_per_minute" BETWEEN 1 AND 1000000),
      "max_concurrent_runs" integer NOT NULL DEFAULT 10 CHECK ("max_concurrent_runs" BETWEEN 1 AND 10000),
      "max_queued_runs" integer NOT NULL DEFAULT 100 CHECK ("max_queued_runs" BETWEEN 0 AND 100000),
      "daily_budget_micro_usd" bigint CHECK ("daily_budget_micro_usd" BETWEEN 0 AND 1000000000000000),
      "updated_at" timestamptz NOT NULL DEFAULT now()
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "tenancy"."quotas"`);
    await q.query(`DROP TABLE "tenancy"."memberships"`);
    await q.query(`DROP TABLE "tenancy"."roles"`);
    await q.query(`ALTER TABLE "tenancy"."organizations" DROP CONSTRAINT "organizations_default_application"`);
    await q.query(`DROP TABLE "tenancy"."applications"`);
    await q.query(`DROP TABLE "tenancy"."organizations"`);
    await q.query(`DROP TABLE "tenancy"."outbox"`);
  }
}
