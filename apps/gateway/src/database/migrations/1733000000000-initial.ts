import { outboxTableSql } from '@agentry/messaging';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1733000000000 implements MigrationInterface {
  name = 'Initial1733000000000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of outboxTableSql('gateway')) await q.query(sql);
    await q.query(`CREATE TABLE "gateway"."idempotency_keys" (
      "scope_hash" text PRIMARY KEY,
      "fingerprint" text NOT NULL,
      "method" text NOT NULL,
      "path" text NOT NULL,
      "state" text NOT NULL CHECK ("state" IN ('in_flight', 'done')),
      "locked_until" timestamptz NOT NULL,
      "response_status" integer,
      "response_headers" jsonb,
      "response_body" text,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "expires_at" timestamptz NOT NULL
    )`);
    await q.query(`CREATE INDEX "idempotency_keys_expiry" ON "gateway"."idempotency_keys" ("expires_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "gateway"."idempotency_keys"`);
    await q.query(`DROP TABLE "gateway"."outbox"`);
  }
}
