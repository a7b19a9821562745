import type { RunErrorDto, RunStatus } from '@agentry/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A run. Queries on runs are hand-written SQL (compare-and-set transitions, the admission lock,
 * the one-query hot path) selecting RUN_COLUMNS, so their rows have exactly this shape.
 */
@Entity({ name: 'runs' })
export class RunEntity {
  @PrimaryColumn({ type: 'text' }) id!: string;
  @Column({ name: 'org_id', type: 'text' }) orgId!: string;
  @Column({ name: 'application_id', type: 'text' }) applicationId!: string;
  @Column({ name: 'agent_id', type: 'text' }) agentId!: string;
  @Column({ name: 'agent_version_id', type: 'text' }) agentVersionId!: string;
  @Column({ name: 'agent_version', type: 'integer' }) agentVersion!: number;
  @Column({ name: 'end_user_id', type: 'text', nullable: true }) endUserId!: string | null;
  @Column({ name: 'api_key_id', type: 'text', nullable: true }) apiKeyId!: string | null;
  @Column({ name: 'created_by', type: 'text', nullable: true }) createdBy!: string | null;
  @Column({ name: 'principal_id', type: 'text' }) principalId!: string;
  @Column({ name: 'idempotency_key', type: 'text', nullable: true }) idempotencyKey!: string | null;
  @Column({ type: 'text' }) status!: RunStatus;
  @Column({ type: 'jsonb' }) input!: Record<string, unknown>;
  @Column({ type: 'jsonb', nullable: true }) output!: unknown;
  @Column({ type: 'jsonb', nullable: true }) error!: RunErrorDto | null;
  /** bigint columns arrive as strings. */
  @Column({ name: 'input_tokens', type: 'bigint' }) inputTokens!: string;
  @Column({ name: 'output_tokens', type: 'bigint' }) outputTokens!: string;
  @Column({ name: 'cost_micro_usd', type: 'bigint' }) costMicroUsd!: string;
  @Column({ type: 'jsonb' }) metadata!: Record<string, unknown>;
  @Column({ name: 'timeout_seconds', type: 'integer' }) timeoutSeconds!: number;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  /** Set when the run's job is written: the run holds one of the org's concurrency slots from then on. */
  @Column({ name: 'dispatched_at', type: 'timestamptz', nullable: true }) dispatchedAt!: Date | null;
  @Column({ name: 'started_at', type: 'timestamptz', nullable: true }) startedAt!: Date | null;
  @Column({ name: 'heartbeat_at', type: 'timestamptz', nullable: true }) heartbeatAt!: Date | null;
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true }) finishedAt!: Date | null;
  @Column({ name: 'cancel_reason', type: 'text', nullable: true }) cancelReason!: string | null;
  /** What admission reserved against the daily budget (µUSD, bigint as a string); released when the run ends. */
  @Column({ name: 'reserved_micro_usd', type: 'bigint' }) reservedMicroUsd!: string;
  /** The UTC day whose budget this run counts toward. */
  @Column({ name: 'budget_day', type: 'date', nullable: true }) budgetDay!: string | null;
}

/** The select list that yields RunEntity-shaped rows from raw SQL (table alias `r`). */
export const RUN_COLUMNS = `r."id", r."org_id" AS "orgId", r."application_id" AS "applicationId", r."agent_id" AS "agentId",
  r."agent_version_id" AS "agentVersionId", r."agent_version" AS "agentVersion", r."end_user_id" AS "endUserId",
  r."api_key_id" AS "apiKeyId", r."created_by" AS "createdBy", r."principal_id" AS "principalId",
  r."idempotency_key" AS "idempotencyKey", r."status", r."input", r."output", r."error", r."input_tokens" AS "inputTokens",
  r."output_tokens" AS "outputTokens", r."cost_micro_usd" AS "costMicroUsd", r."metadata", r."timeout_seconds" AS "timeoutSeconds",
  r."created_at" AS "createdAt", r."dispatched_at" AS "dispatchedAt", r."started_at" AS "startedAt",
  r."heartbeat_at" AS "heartbeatAt", r."finished_at" AS "finishedAt", r."cancel_reason" AS "cancelReason",
  r."reserved_micro_usd" AS "reservedMicroUsd", r."budget_day"::text AS "budgetDay"`;
