import { outboxTableSql } from '@agentry/messaging';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1733000000000 implements MigrationInterface {
  name = 'Initial1733000000000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of outboxTableSql('identity')) await q.query(sql);
    await q.query(`CREATE TABLE "identity"."users" (
      "id" text PRIMARY KEY,
      "email" text NOT NULL,
      "name" text NOT NULL,
      "password_hash" text NOT NULL,
      "totp_secret" text,
      "two_factor_enabled" boolean NOT NULL DEFAULT false,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "users_email_unique" UNIQUE ("email")
    )`);
    await q.query(`CREATE TABLE "identity"."sessions" (
      "id" text PRIMARY KEY,
      "user_id" text NOT NULL REFERENCES "identity"."users"("id") ON DELETE CASCADE,
      "token_hash" text NOT NULL UNIQUE,
      "ip" text,
      "user_agent" text,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "last_seen_at" timestamptz NOT NULL DEFAULT now(),
      "expires_at" timestamptz NOT NULL,
      "revoked_at" timestamptz
    )`);
    await q.query(`CREATE INDEX "sessions_user" ON "identity"."sessions" ("user_id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "identity"."sessions"`);
    await q.query(`DROP TABLE "identity"."users"`);
    await q.query(`DROP TABLE "identity"."outbox"`);
  }
}
