import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { sqlRows } from '../common/sql.js';
import type { RunEventEntity } from './entities/run-event.entity.js';

/** A run's history. Callers check the run is visible to the tenant before listing it. */
@Injectable()
export class RunEventsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async append(manager: EntityManager, runId: string, type: string, data: Record<string, unknown>): Promise<number> {
    const rows = await sqlRows<{ seq: string }>(
      manager,
      `INSERT INTO "runs"."run_events" ("run_id", "type", "data") VALUES ($1, $2, $3) RETURNING "seq"`,
      [runId, type, JSON.stringify(data)],
    );
    return Number(rows[0]!.seq);
  }

  /** A runner's event, only while the run is running; null otherwise. */
  async appendIfRunning(runId: string, type: string, data: Record<string, unknown>): Promise<number | null> {
    const rows = await sqlRows<{ seq: string }>(
      this.dataSource.manager,
      `INSERT INTO "runs"."run_events" ("run_id", "type", "data")
       SELECT "id", $2, $3 FROM "runs"."runs" WHERE "id" = $1 AND "status" = 'running' RETURNING "seq"`,
      [runId, type, JSON.stringify(data)],
    );
    return rows[0] ? Number(rows[0].seq) : null;
  }

  /** Oldest first, after `afterSeq`. */
  list(runId: string, afterSeq: number, take: number): Promise<RunEventEntity[]> {
    return sqlRows<RunEventEntity>(
      this.dataSource.manager,
      `SELECT "seq", "run_id" AS "runId", "type", "data", "created_at" AS "createdAt" FROM "runs"."run_events"
       WHERE "run_id" = $1 AND "seq" > $2 ORDER BY "seq" LIMIT $3`,
      [runId, afterSeq, take],
    );
  }
}
