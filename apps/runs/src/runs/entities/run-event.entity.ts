import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A run's history: its state changes and what its runner reported. */
@Entity({ name: 'run_events' })
export class RunEventEntity {
  /** bigserial, so it arrives as a string. */
  @PrimaryColumn({ type: 'bigint' }) seq!: string;
  @Column({ name: 'run_id', type: 'text' }) runId!: string;
  @Column({ type: 'text' }) type!: string;
  @Column({ type: 'jsonb' }) data!: Record<string, unknown>;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
