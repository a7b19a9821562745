import type { MigrationInterface, QueryRunner } from 'typeorm';

/** API keys, end-users, connections (encrypted credentials) and the login failure counters. */
export class KeysEndUsersConnections1734000000000 implements MigrationInterface {
  name = 'KeysEndUsersConnections1734000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "identity"."api_keys" (
      "id" text PRIMARY KEY,
      "org_id" text NOT NULL,
      "application_id" text NOT NULL,
      "name" text NOT NULL,
      "prefix" text NOT NULL,
      "key_hash" text NOT NULL,
      "scopes" text[] NOT NULL,
      "created_by" text NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "last_used_at" timestamptz,
      "expires_at" timestamptz,
      "revoked_at" timestamptz,
      CONSTRAINT "api_keys_key_hash_unique" UNIQUE ("key_hash")
    )`);
    await q.query(`CREATE INDEX "api_keys_tenant" ON "identity"."api_keys" ("org_id", "application_id", "id" DESC)`);

    await q.query(`CREATE TABLE "identity"."end_users" (
      "id" text PRIMARY KEY,
      "org_id" text NOT NULL,
      "application_id" text NOT NULL,
      "external_id" text,
      "email" text,
      "name" text,
      "metadata" jsonb NOT NULL DEFAULT '{}'::jsonb,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      "deleted_at" timestamptz
    )`);
    // A deleted end-user frees its externalId.
    await q.query(`CREATE UNIQUE INDEX "end_users_external_id_unique" ON "identity"."end_users" ("org_id", "application_id", "external_id")
      WHERE "external_id" IS NOT NULL AND "deleted_at" IS NULL`);
    await q.query(`CREATE INDEX "end_users_tenant" ON "identity"."end_users" ("org_id", "application_id", "id" DESC) WHERE "deleted_at" IS NULL`);
    await q.query(`CREATE INDEX "end_users_email" ON "identity"."end_users" ("org_id", "application_id", "email") WHERE "deleted_at" IS NULL`);

    await q.query(`CREATE TABLE "identity"."connections" (
      "id" text PRIMARY KEY,
      "org_id" text NOT NULL,
      "application_id" text NOT NULL,
      "end_user_id" text,
      "user_id" text,
      "provider" text NOT NULL,
      "label" text,
      "credentials_key_index" integer NOT NULL,
      "credentials_ciphertext" text NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "connections_one_owner" CHECK (("end_user_id" IS NULL) <> ("user_id" IS NULL))
    )`);
    await q.query(`CREATE INDEX "connections_end_user" ON "identity"."connections" ("org_id", "application_id", "end_user_id", "id" DESC) WHERE "end_user_id" IS NOT NULL`);
    await q.query(`CREATE INDEX "connections_user" ON "identity"."connections" ("org_id", "application_id", "user_id", "id" DESC) WHERE "user_id" IS NOT NULL`);

    await q.query(`CREATE TABLE "identity"."login_failures" (
      "email" text PRIMARY KEY,
      "window_started_at" timestamptz NOT NULL,
      "attempts" integer NOT NULL
    )`);
    await q.query(`CREATE INDEX "login_failures_window" ON "identity"."login_failures" ("window_started_at")`);
    await q.query(`CREATE INDEX "sessions_user_active" ON "identity"."sessions" ("user_id", "id" DESC) WHERE "revoked_at" IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "identity"."sessions_user_active"`);
    await q.query(`DROP TABLE "identity"."login_failures"`);
    await q.query(`DROP TABLE "identity"."connections"`);
    await q.query(`DROP TABLE "identity"."end_users"`);
    await q.query(`DROP TABLE "identity"."api_keys"`);
  }
}
