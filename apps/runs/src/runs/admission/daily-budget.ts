import { appError } from '@agentry/contracts';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { sqlRows } from '../../common/sql.js';

/** Today in UTC: budgets are per UTC day; a run's spend counts toward the day it was admitted. */
export function budgetDay(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/**
 * The org's daily budget at admission, under the org lock: a run is refused (402) when what the
 * day already spent plus what live runs reserved leaves no room for its own reservation, so
 * concurrent runs cannot overshoot together. With no budget set nothing is checked; spend is
 * still recorded (by the `runs_settle_spend` trigger).
 */
@Injectable()
export class DailyBudget {
  async reserve(manager: EntityManager, orgId: string, day: string, budget: number | null, reservation: number): Promise<void> {
    const rows = await sqlRows<{ spent: string; reserved: string }>(
      manager,
      `INSERT INTO "runs"."daily_spend" AS d ("org_id", "day", "reserved_micro_usd") VALUES ($1, $2, $3)
       ON CONFLICT ("org_id", "day") DO UPDATE SET "reserved_micro_usd" = d."reserved_micro_usd"
       RETURNING d."spent_micro_usd" AS "spent", d."reserved_micro_usd" AS "reserved"`,
      [orgId, day, 0],
    );
    const spent = Number(rows[0]?.spent ?? 0);
    const reserved = Number(rows[0]?.reserved ?? 0);
    if (budget !== null && (spent + reserved >= budget || spent + reserved + reservation > budget)) {
      throw appError(402, 'budget_exceeded', `Today's budget of ${budget} µUSD is used up or reserved (${spent} spent, ${reserved} reserved; this run reserves ${reservation}).`, {
        dailyBudgetMicroUsd: budget, spentMicroUsd: spent, reservedMicroUsd: reserved,
      });
    }
    if (reservation > 0) {
      await manager.query(`UPDATE "runs"."daily_spend" SET "reserved_micro_usd" = "reserved_micro_usd" + $3 WHERE "org_id" = $1 AND "day" = $2`, [orgId, day, reservation]);
    }
  }
}
