import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { sqlRows } from '../common/sql.js';

/** A switch's key: `platform`, or the org's id. */
export const PLATFORM_KEY = 'platform';

export interface KillSwitchRow {
  scopeKey: string;
  reason: string;
  engagedBy: string;
  engagedAt: Date;
}

const COLUMNS = `"scope_key" AS "scopeKey", "reason", "engaged_by" AS "engagedBy", "engaged_at" AS "engagedAt"`;

@Injectable()
export class KillSwitchesRepository {
  constructor(private readonly dataSource: DataSource) {}

  async find(key: string, manager: EntityManager = this.dataSource.manager): Promise<KillSwitchRow | null> {
    const rows = await sqlRows<KillSwitchRow>(manager, `SELECT ${COLUMNS} FROM "runs"."kill_switches" WHERE "scope_key" = $1`, [key]);
    return rows[0] ?? null;
  }

  /** The switch that stops this org's runs: the platform's first, else the org's own. */
  async findBlocking(manager: EntityManager, orgId: string): Promise<KillSwitchRow | null> {
    const rows = await sqlRows<KillSwitchRow>(
      manager,
      `SELECT ${COLUMNS} FROM "runs"."kill_switches" WHERE "scope_key" IN ('platform', $1) ORDER BY "scope_key" = 'platform' DESC LIMIT 1`,
      [orgId],
    );
    return rows[0] ?? null;
  }

  /** Engaging an engaged switch keeps its first engagement and updates the reason. */
  async engage(manager: EntityManager, key: string, reason: string, engagedBy: string): Promise<KillSwitchRow> {
    const rows = await sqlRows<KillSwitchRow>(
      manager,
      `INSERT INTO "runs"."kill_switches" ("scope_key", "reason", "engaged_by") VALUES ($1, $2, $3)
       ON CONFLICT ("scope_key") DO UPDATE SET "reason" = EXCLUDED."reason" RETURNING ${COLUMNS}`,
      [key, reason, engagedBy],
    );
    return rows[0]!;
  }

  async release(manager: EntityManager, key: string): Promise<KillSwitchRow | null> {
    const rows = await sqlRows<KillSwitchRow>(manager, `DELETE FROM "runs"."kill_switches" WHERE "scope_key" = $1 RETURNING ${COLUMNS}`, [key]);
    return rows[0] ?? null;
  }
}
