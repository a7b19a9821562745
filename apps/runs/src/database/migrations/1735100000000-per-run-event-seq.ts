import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Run events are numbered per run (1, 2, 3 …) instead of from one platform-wide sequence, whose
 * gaps told a tenant how busy everyone else was. The run row holds its last number.
 */
export class PerRunEventSeq1735100000000 implements MigrationInterface {
  name = 'PerRunEventSeq1735100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "runs"."runs" ADD COLUMN "last_event_seq" integer NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE "runs"."run_events" DROP CONSTRAINT "run_events_pkey"`);
    await q.query(`ALTER TABLE "runs"."run_events" ALTER COLUMN "seq" DROP DEFAULT`);
    await q.query(`DROP SEQUENCE IF EXISTS "runs"."run_events_seq_seq"`);
    await q.query(`UPDATE "runs"."run_events" e SET "seq" = n."seq"
      FROM (SELECT ctid, row_number() OVER (PARTITION BY "run_id" ORDER BY "seq") AS "seq" FROM "runs"."run_events") n WHERE e.ctid = n.ctid`);
    await q.query(`ALTER TABLE "runs"."run_events" ALTER COLUMN "seq" TYPE integer`);
    await q.query(`UPDATE "runs"."runs" r SET "last_event_seq" = m."seq" FROM (SELECT "run_id", max("seq") AS "seq" FROM "runs"."run_events" GROUP BY "run_id") m WHERE r."id" = m."run_id"`);
    await q.query(`DROP INDEX "runs"."run_events_run"`);
    await q.query(`ALTER TABLE "runs"."run_events" ADD PRIMARY KEY ("run_id", "seq")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "runs"."run_events" DROP CONSTRAINT "run_events_pkey"`);
    await q.query(`ALTER TABLE "runs"."run_events" ALTER COLUMN "seq" TYPE bigint`);
    await q.query(`CREATE SEQUENCE "runs"."run_events_seq_seq" OWNED BY "runs"."run_events"."seq"`);
    await q.query(`UPDATE "runs"."run_events" e SET "seq" = n."seq"
      FROM (SELECT ctid, row_number() OVER (ORDER BY "created_at", "run_id", "seq") AS "seq" FROM "runs"."run_events") n WHERE e.ctid = n.ctid`);
    await q.query(`SELECT setval('"runs"."run_events_seq_seq"', COALESCE((SELECT max("seq") FROM "runs"."run_events"), 0) + 1, false)`);
    await q.query(`ALTER TABLE "runs"."run_events" ALTER COLUMN "seq" SET DEFAULT nextval('"runs"."run_events_seq_seq"')`);
    await q.query(`ALTER TABLE "runs"."run_events" ADD PRIMARY KEY ("seq")`);
    await q.query(`CREATE INDEX "run_events_run" ON "runs"."run_events" ("run_id", "seq")`);
    await q.query(`ALTER TABLE "runs"."runs" DROP COLUMN "last_event_seq"`);
  }
}
