import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The last TOTP time step a user's code was accepted for: each code works once. */
export class TotpLastStep1735400000000 implements MigrationInterface {
  name = 'TotpLastStep1735400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "identity"."users" ADD COLUMN "totp_last_step" bigint`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "identity"."users" DROP COLUMN "totp_last_step"`);
  }
}
