import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A run's history: its state changes and what its runner reported. */
@Entity({ name: 'run_events' })
export class RunEventEntity {
  @PrimaryColumn({ name: 'run_id', type: 'text' }) runId!: string;
  /** 1, 2, 3 … within the run (the run row's last_event_seq hands them out). */
  @PrimaryColumn({ type: 'integer' }) seq!: number;
  @Column({ type: 'text' }) type!: string;
  @Column({ type: 'jsonb' }) data!: Record<string, unknown>;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
