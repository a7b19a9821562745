import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Retention: records older than an org's `auditRetentionDays` may be removed, oldest first, by
 * the retention sweep only (the append-only trigger lets a DELETE through when the sweep's
 * transaction set `agentry.audit_retention`). The chain stays verifiable: a checkpoint keeps the
 * hash of the last removed record, from which verification starts.
 */
export class Retention1735700000000 implements MigrationInterface {
  name = 'Retention1735700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "audit"."chain_checkpoints" (
      "org_id" text PRIMARY KEY,
      "anchor_hash" text NOT NULL,
      "pruned_records" bigint NOT NULL,
      "pruned_through" timestamptz NOT NULL,
      "updated_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE OR REPLACE FUNCTION "audit"."refuse_audit_change"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' AND current_setting('agentry.audit_retention', true) = 'on' THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION 'audit records are append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE FUNCTION "audit"."refuse_audit_change"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit records are append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`DROP TABLE "audit"."chain_checkpoints"`);
  }
}
