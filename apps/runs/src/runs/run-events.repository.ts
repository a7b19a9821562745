import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { sqlRows } from '../common/sql.js';
import type { RunEventEntity } from './entities/run-event.entity.js';

/** A run's history. Callers check the run is visible to the tenant before listing it. */
@Injectable()
export class RunEventsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The next number comes from the run row, whose lock keeps one run's events in order. */
  async append(manager: EntityManager, runId: string, type: string, data: Record<string, unknown>): Promise<number> {
    const rows = await sqlRows<{ seq: number }>(
      manager,
      `WITH next AS (UPDATE "runs"."runs" SET "last_event_seq" = "last_event_seq" + 1 WHERE "id" = $1 RETURNING "id", "last_event_seq")
       INSERT INTO "runs"."run_events" ("run_id", "seq", "type", "data") SELECT "id", "last_event_seq", $2, $3 FROM next RETURNING "seq"`,
      [runId, type, JSON.stringify(data)],
    );
    return Number(rows[0]!.seq);
  }

  /** A runner's event, only while the run is running; null otherwise. */
  async appendIfRunning(runId: string, type: string, data: Record<string, unknown>): Promise<number | null> {
    const rows = await sqlRows<{ seq: number }>(
      this.dataSource.manager,
      `WITH next AS (UPDATE "runs"."runs" SET "last_event_seq" = "last_event_seq" + 1 WHERE "id" = $1 AND "status" = 'running' RETURNING "id", "last_event_seq")
       INSERT INTO "runs"."run_events" ("run_id", "seq", "type", "data") SELECT "id", "last_event_seq", $2, $3 FROM next RETURNING "seq"`,
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
