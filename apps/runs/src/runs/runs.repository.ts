import type { RunErrorDto, RunStatus, TerminalRunStatus } from '@agentry/contracts';
import type { EndUserScope, OrgScope } from '@agentry/persistence';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { preparedRows, sqlRows } from '../common/sql.js';
import { RUN_COLUMNS, type RunEntity } from './entities/run.entity.js';

const GET_RUN_SQL = `SELECT ${RUN_COLUMNS} FROM "runs"."runs" r
  WHERE r."id" = $1 AND r."org_id" = $2 AND r."application_id" = $3 AND ($4::text IS NULL OR r."end_user_id" = $4)`;

export interface RunFilters {
  status?: RunStatus;
  agentId?: string;
  endUserId?: string;
  createdAfter?: Date;
  createdBefore?: Date;
}

export interface Completion {
  status: TerminalRunStatus;
  output?: unknown;
  error?: RunErrorDto | null;
  usage?: { inputTokens?: number; outputTokens?: number; costMicroUsd?: number };
  cancelReason?: string | null;
}

/** Which live runs a bulk cancellation takes: everything unset matches. */
export interface LiveRunFilter {
  orgId?: string;
  applicationId?: string;
  endUserId?: string;
  agentId?: string;
  status?: 'queued' | 'running';
}

function liveRunWhere(filter: LiveRunFilter): { where: string; params: unknown[] } {
  const params: unknown[] = [];
  const where = [filter.status ? `r."status" = '${filter.status === 'queued' ? 'queued' : 'running'}'` : `r."status" IN ('queued', 'running')`];
  const add = (column: string, value: string | undefined) => {
    if (value === undefined) return;
    params.push(value);
    where.push(`r."${column}" = $${params.length}`);
  };
  add('org_id', filter.orgId);
  add('application_id', filter.applicationId);
  add('end_user_id', filter.endUserId);
  add('agent_id', filter.agentId);
  return { where: where.join(' AND '), params };
}

/**
 * Runs, in hand-written SQL. State changes are compare-and-set (`WHERE status = ANY(allowed)`), so
 * a terminal state is written once and status never goes backwards, whoever races.
 */
@Injectable()
export class RunsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The hot path: one indexed lookup through a prepared statement. */
  async findVisible(scope: EndUserScope, id: string): Promise<RunEntity | null> {
    const rows = await preparedRows<RunEntity>(this.dataSource, 'runs_get_visible', GET_RUN_SQL, [id, scope.orgId, scope.applicationId, scope.endUserId ?? null]);
    return rows[0] ?? null;
  }

  /** For runner-facing subjects, which name a run by id only (the platform calls them, not a tenant). */
  async findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<RunEntity | null> {
    const rows = await sqlRows<RunEntity>(manager, `SELECT ${RUN_COLUMNS} FROM "runs"."runs" r WHERE r."id" = $1`, [id]);
    return rows[0] ?? null;
  }

  async findByIdempotencyKey(scope: EndUserScope, principalId: string, key: string): Promise<RunEntity | null> {
    const rows = await sqlRows<RunEntity>(
      this.dataSource.manager,
      `SELECT ${RUN_COLUMNS} FROM "runs"."runs" r WHERE r."org_id" = $1 AND r."application_id" = $2 AND r."principal_id" = $3
         AND COALESCE(r."end_user_id", '') = $4 AND r."idempotency_key" = $5`,
      [scope.orgId, scope.applicationId, principalId, scope.endUserId ?? '', key],
    );
    return rows[0] ?? null;
  }

  /** Newest first, below `beforeId` when paging. */
  list(scope: EndUserScope, filters: RunFilters, beforeId: string | undefined, take: number): Promise<RunEntity[]> {
    const where = [`r."org_id" = $1`, `r."application_id" = $2`];
    const params: unknown[] = [scope.orgId, scope.applicationId];
    const add = (clause: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(clause(`$${params.length}`));
    };
    if (scope.endUserId) add((p) => `r."end_user_id" = ${p}`, scope.endUserId);
    if (filters.endUserId) add((p) => `r."end_user_id" = ${p}`, filters.endUserId);
    if (filters.status) add((p) => `r."status" = ${p}`, filters.status);
    if (filters.agentId) add((p) => `r."agent_id" = ${p}`, filters.agentId);
    if (filters.createdAfter) add((p) => `r."created_at" > ${p}`, filters.createdAfter);
    if (filters.createdBefore) add((p) => `r."created_at" < ${p}`, filters.createdBefore);
    if (beforeId) add((p) => `r."id" < ${p}`, beforeId);
    params.push(take);
    return sqlRows<RunEntity>(
      this.dataSource.manager,
      `SELECT ${RUN_COLUMNS} FROM "runs"."runs" r WHERE ${where.join(' AND ')} ORDER BY r."id" DESC LIMIT $${params.length}`,
      params,
    );
  }

  /** `created_at` is the insert time (under the org lock), not the transaction's start: it orders the FIFO queue. */
  async insert(manager: EntityManager, run: RunEntity): Promise<RunEntity> {
    const rows = await sqlRows<RunEntity>(
      manager,
      `INSERT INTO "runs"."runs" AS r ("id", "org_id", "application_id", "agent_id", "agent_version_id", "agent_version", "end_user_id",
         "api_key_id", "created_by", "principal_id", "idempotency_key", "status", "input", "metadata", "timeout_seconds", "created_at",
         "reserved_micro_usd", "budget_day")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'queued', $12, $13, $14, clock_timestamp(), $15, $16) RETURNING ${RUN_COLUMNS}`,
      [
        run.id, run.orgId, run.applicationId, run.agentId, run.agentVersionId, run.agentVersion, run.endUserId, run.apiKeyId,
        run.createdBy, run.principalId, run.idempotencyKey, JSON.stringify(run.input), JSON.stringify(run.metadata), run.timeoutSeconds,
        run.reservedMicroUsd ?? '0', run.budgetDay,
      ],
    );
    return rows[0]!;
  }

  /** queued → running, only for a run whose job was dispatched. */
  async markRunning(manager: EntityManager, id: string): Promise<RunEntity | null> {
    const rows = await sqlRows<RunEntity>(
      manager,
      `UPDATE "runs"."runs" r SET "status" = 'running', "started_at" = now(), "heartbeat_at" = now()
       WHERE r."id" = $1 AND r."status" = 'queued' AND r."dispatched_at" IS NOT NULL RETURNING ${RUN_COLUMNS}`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Any allowed state → a terminal one, written once. Null when the run was not in an allowed state. */
  async finish(manager: EntityManager, id: string, from: readonly RunStatus[], completion: Completion, scope?: EndUserScope): Promise<RunEntity | null> {
    const params: unknown[] = [
      id, [...from], completion.status, completion.output === undefined ? null : JSON.stringify(completion.output),
      completion.error ? JSON.stringify(completion.error) : null, completion.usage?.inputTokens ?? null, completion.usage?.outputTokens ?? null,
      completion.usage?.costMicroUsd ?? null, completion.cancelReason ?? null,
    ];
    let scoped = '';
    if (scope) {
      params.push(scope.orgId, scope.applicationId, scope.endUserId ?? null);
      scoped = `AND r."org_id" = $10 AND r."application_id" = $11 AND ($12::text IS NULL OR r."end_user_id" = $12)`;
    }
    const rows = await sqlRows<RunEntity>(
      manager,
      `UPDATE "runs"."runs" r SET "status" = $3, "output" = $4::jsonb, "error" = $5::jsonb,
         "input_tokens" = COALESCE($6, r."input_tokens"), "output_tokens" = COALESCE($7, r."output_tokens"),
         "cost_micro_usd" = COALESCE($8, r."cost_micro_usd"), "cancel_reason" = $9, "finished_at" = now()
       WHERE r."id" = $1 AND r."status" = ANY($2::text[]) ${scoped} RETURNING ${RUN_COLUMNS}`,
      params,
    );
    return rows[0] ?? null;
  }

  /** False when the run is not running any more. */
  async heartbeat(id: string): Promise<boolean> {
    const rows = await sqlRows<{ id: string }>(
      this.dataSource.manager,
      `UPDATE "runs"."runs" SET "heartbeat_at" = now() WHERE "id" = $1 AND "status" = 'running' RETURNING "id"`,
      [id],
    );
    return rows.length === 1;
  }

  /**
   * Admission takes this shared, the platform kill switch exclusive: a run admitted concurrently
   * with the switch is either refused or among the runs the switch cancels, never left running.
   */
  async lockPlatform(manager: EntityManager, mode: 'shared' | 'exclusive'): Promise<void> {
    await manager.query(`SELECT ${mode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock'}(hashtext('runs.platform'), 0)`);
  }

  /**
   * Live runs matching `filter` (no org: the whole platform) → cancelled, in one statement.
   * Compare-and-set like every transition: a run that ended meanwhile is left alone.
   */
  async cancelLive(manager: EntityManager, filter: LiveRunFilter, reason: string): Promise<RunEntity[]> {
    const { where, params } = liveRunWhere(filter);
    params.push(reason);
    return sqlRows<RunEntity>(
      manager,
      `UPDATE "runs"."runs" r SET "status" = 'cancelled', "cancel_reason" = $${params.length}, "finished_at" = now()
       WHERE ${where} RETURNING ${RUN_COLUMNS}`,
      params,
    );
  }

  async countLiveMatching(manager: EntityManager, filter: LiveRunFilter): Promise<number> {
    const { where, params } = liveRunWhere(filter);
    const rows = await sqlRows<{ count: number }>(manager, `SELECT count(*)::int AS "count" FROM "runs"."runs" r WHERE ${where}`, params);
    return rows[0]?.count ?? 0;
  }

  /** Serializes admission and dispatch of one org until the transaction ends. */
  async lockOrg(manager: EntityManager, scope: OrgScope): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('runs.admission'), hashtext($1))`, [scope.orgId]);
  }

  /** Live runs of the org: `active` hold a concurrency slot (dispatched or running), `waiting` are queued behind them. */
  async countLive(manager: EntityManager, scope: OrgScope): Promise<{ active: number; waiting: number }> {
    const rows = await sqlRows<{ active: number; waiting: number }>(
      manager,
      `SELECT count(*) FILTER (WHERE "dispatched_at" IS NOT NULL)::int AS "active", count(*) FILTER (WHERE "dispatched_at" IS NULL)::int AS "waiting"
       FROM "runs"."runs" WHERE "org_id" = $1 AND "status" IN ('queued', 'running')`,
      [scope.orgId],
    );
    return rows[0] ?? { active: 0, waiting: 0 };
  }

  /** Gives a slot to the `count` oldest waiting runs (FIFO). SKIP LOCKED: a run being cancelled right now is passed over. */
  async dispatchOldest(manager: EntityManager, scope: OrgScope, count: number): Promise<string[]> {
    if (count <= 0) return [];
    const rows = await sqlRows<{ id: string }>(
      manager,
      `UPDATE "runs"."runs" SET "dispatched_at" = now() WHERE "id" IN (
         SELECT "id" FROM "runs"."runs" WHERE "org_id" = $1 AND "status" = 'queued' AND "dispatched_at" IS NULL
         ORDER BY "created_at", "id" LIMIT $2 FOR UPDATE SKIP LOCKED)
       RETURNING "id"`,
      [scope.orgId, count],
    );
    return rows.map((row) => row.id);
  }

  /** Running runs whose heartbeat stopped or whose time is up, locked for this transaction. */
  async lockOverdue(manager: EntityManager, heartbeatTimeoutSeconds: number, limit: number): Promise<Array<{ id: string; orgId: string; reason: 'heartbeat' | 'timeout' }>> {
    return sqlRows(
      manager,
      `SELECT "id", "org_id" AS "orgId",
         CASE WHEN "started_at" + make_interval(secs => "timeout_seconds") < now() THEN 'timeout' ELSE 'heartbeat' END AS "reason"
       FROM "runs"."runs"
       WHERE "status" = 'running'
         AND ("heartbeat_at" < now() - make_interval(secs => $1) OR "started_at" + make_interval(secs => "timeout_seconds") < now())
       ORDER BY "heartbeat_at" LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [heartbeatTimeoutSeconds, limit],
    );
  }

  /** Orgs that have waiting runs (a sweep gives them any free slot, e.g. after a quota was raised). */
  async orgsWithWaiting(limit: number): Promise<string[]> {
    const rows = await sqlRows<{ orgId: string }>(
      this.dataSource.manager,
      `SELECT DISTINCT "org_id" AS "orgId" FROM "runs"."runs" WHERE "status" = 'queued' AND "dispatched_at" IS NULL LIMIT $1`,
      [limit],
    );
    return rows.map((row) => row.orgId);
  }
}
