import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Invitations to join an org; the token is stored only as its SHA-256 hash. */
export class Invitations1735300000000 implements MigrationInterface {
  name = 'Invitations1735300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "tenancy"."invitations" (
      "id" text PRIMARY KEY,
      "org_id" text NOT NULL REFERENCES "tenancy"."organizations"("id") ON DELETE CASCADE,
      "email" text NOT NULL,
      "role" text NOT NULL,
      "token_hash" text NOT NULL UNIQUE,
      "invited_by" text NOT NULL,
      "expires_at" timestamptz NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "accepted_at" timestamptz,
      "accepted_by" text,
      "revoked_at" timestamptz
    )`);
    await q.query(`CREATE INDEX "invitations_org" ON "tenancy"."invitations" ("org_id", "id" DESC)`);
    // At most one pending invitation per email and org (a new one replaces the old).
    await q.query(`CREATE UNIQUE INDEX "invitations_one_pending" ON "tenancy"."invitations" ("org_id", "email")
      WHERE "accepted_at" IS NULL AND "revoked_at" IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "tenancy"."invitations"`);
  }
}
