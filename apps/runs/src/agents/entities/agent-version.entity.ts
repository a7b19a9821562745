import type { ExecutorSpec } from '@agentry/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Immutable once written: a new executor or schema is a new version. */
@Entity({ name: 'agent_versions' })
export class AgentVersionEntity {
  @PrimaryColumn({ type: 'text' }) id!: string;
  @Column({ name: 'agent_id', type: 'text' }) agentId!: string;
  @Column({ name: 'org_id', type: 'text' }) orgId!: string;
  @Column({ name: 'application_id', type: 'text' }) applicationId!: string;
  @Column({ type: 'integer' }) version!: number;
  @Column({ type: 'jsonb' }) executor!: ExecutorSpec;
  @Column({ name: 'input_schema', type: 'jsonb', nullable: true }) inputSchema!: Record<string, unknown> | null;
  @Column({ name: 'output_schema', type: 'jsonb', nullable: true }) outputSchema!: Record<string, unknown> | null;
  @Column({ name: 'timeout_seconds', type: 'integer' }) timeoutSeconds!: number;
  /** bigint: arrives as a string. */
  @Column({ name: 'max_cost_micro_usd', type: 'bigint', nullable: true }) maxCostMicroUsd!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
