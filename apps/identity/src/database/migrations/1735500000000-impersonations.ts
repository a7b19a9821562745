import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Support impersonation: who acted as whom, why, until when; its session names it. */
export class Impersonations1735500000000 implements MigrationInterface {
  name = 'Impersonations1735500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "identity"."impersonations" (
      "id" text PRIMARY KEY,
      "admin_user_id" text NOT NULL,
      "target_user_id" text NOT NULL REFERENCES "identity"."users"("id") ON DELETE CASCADE,
      "reason" text NOT NULL,
      "session_id" text NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "expires_at" timestamptz NOT NULL,
      "ended_at" timestamptz
    )`);
    await q.query(`ALTER TABLE "identity"."sessions" ADD COLUMN "impersonation_id" text, ADD COLUMN "impersonator_user_id" text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "identity"."sessions" DROP COLUMN "impersonation_id", DROP COLUMN "impersonator_user_id"`);
    await q.query(`DROP TABLE "identity"."impersonations"`);
  }
}
