import { outboxTableSql } from '@agentry/messaging';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit service emits no events, but startService runs an outbox relay for every schema: the
 * (empty) table keeps it quiet and leaves room for future audit events.
 */
export class Outbox1733100000001 implements MigrationInterface {
  name = 'Outbox1733100000001';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of outboxTableSql('audit')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "audit"."outbox"`);
  }
}
