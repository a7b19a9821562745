import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Engaged kill switches: one row per org (`scope_key` = the org id) and one for the platform (`platform`). */
export class KillSwitches1735200000000 implements MigrationInterface {
  name = 'KillSwitches1735200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "runs"."kill_switches" (
      "scope_key" text PRIMARY KEY,
      "reason" text NOT NULL,
      "engaged_by" text NOT NULL,
      "engaged_at" timestamptz NOT NULL DEFAULT now()
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "runs"."kill_switches"`);
  }
}
