import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Login failures are counted per bucket (an email, or an email from one client IP), not per email alone. */
export class LoginFailureBuckets1735000000000 implements MigrationInterface {
  name = 'LoginFailureBuckets1735000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "identity"."login_failures" RENAME COLUMN "email" TO "bucket"`);
    await q.query(`UPDATE "identity"."login_failures" SET "bucket" = 'email:' || "bucket"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM "identity"."login_failures" WHERE "bucket" NOT LIKE 'email:%'`);
    await q.query(`UPDATE "identity"."login_failures" SET "bucket" = substr("bucket", 7)`);
    await q.query(`ALTER TABLE "identity"."login_failures" RENAME COLUMN "bucket" TO "email"`);
  }
}
