import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Daily spend per org (UTC days): what ended runs cost and what live runs have reserved. A run
 * reserves its version's `max_cost_micro_usd` at admission; when it ends, a trigger moves its
 * reservation out and its actual cost in, whichever path ended it (completion, cancellation, a
 * kill switch, the watchdog).
 */
export class DailyBudgets1735600000000 implements MigrationInterface {
  name = 'DailyBudgets1735600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "runs"."agent_versions" ADD COLUMN "max_cost_micro_usd" bigint CHECK ("max_cost_micro_usd" >= 0)`);
    await q.query(`ALTER TABLE "runs"."runs" ADD COLUMN "reserved_micro_usd" bigint NOT NULL DEFAULT 0, ADD COLUMN "budget_day" date`);
    await q.query(`CREATE TABLE "runs"."daily_spend" (
      "org_id" text NOT NULL,
      "day" date NOT NULL,
      "spent_micro_usd" bigint NOT NULL DEFAULT 0,
      "reserved_micro_usd" bigint NOT NULL DEFAULT 0,
      PRIMARY KEY ("org_id", "day")
    )`);
    await q.query(`CREATE FUNCTION "runs"."settle_run_spend"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO "runs"."daily_spend" AS d ("org_id", "day", "spent_micro_usd")
          VALUES (NEW."org_id", COALESCE(NEW."budget_day", (NEW."created_at" AT TIME ZONE 'UTC')::date), NEW."cost_micro_usd")
          ON CONFLICT ("org_id", "day") DO UPDATE SET
            "spent_micro_usd" = d."spent_micro_usd" + EXCLUDED."spent_micro_usd",
            "reserved_micro_usd" = GREATEST(0, d."reserved_micro_usd" - OLD."reserved_micro_usd");
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER "runs_settle_spend" AFTER UPDATE OF "status" ON "runs"."runs" FOR EACH ROW
      WHEN (NEW."status" IN ('succeeded', 'failed', 'cancelled', 'timed_out') AND OLD."status" IN ('queued', 'running'))
      EXECUTE FUNCTION "runs"."settle_run_spend"()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "runs_settle_spend" ON "runs"."runs"`);
    await q.query(`DROP FUNCTION "runs"."settle_run_spend"()`);
    await q.query(`DROP TABLE "runs"."daily_spend"`);
    await q.query(`ALTER TABLE "runs"."runs" DROP COLUMN "reserved_micro_usd", DROP COLUMN "budget_day"`);
    await q.query(`ALTER TABLE "runs"."agent_versions" DROP COLUMN "max_cost_micro_usd"`);
  }
}
