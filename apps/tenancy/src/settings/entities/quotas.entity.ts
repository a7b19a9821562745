import { Column, Entity, PrimaryColumn, type ValueTransformer } from 'typeorm';

/** pg returns bigint as a string; budgets stay below 2^53 (checked at 1e15), so a number is exact. */
const bigintAsNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

@Entity({ name: 'quotas' })
export class QuotasEntity {
  @PrimaryColumn({ name: 'org_id', type: 'text' }) orgId!: string;
  @Column({ name: 'requests_per_minute', type: 'integer' }) requestsPerMinute!: number;
  @Column({ name: 'max_concurrent_runs', type: 'integer' }) maxConcurrentRuns!: number;
  @Column({ name: 'max_queued_runs', type: 'integer' }) maxQueuedRuns!: number;
  @Column({ name: 'daily_budget_micro_usd', type: 'bigint', nullable: true, transformer: bigintAsNumber }) dailyBudgetMicroUsd!: number | null;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
