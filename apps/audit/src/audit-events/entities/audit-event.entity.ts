import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Append-only: rows are inserted by RecordAuditEvent and never updated (a trigger refuses it). */
@Entity({ name: 'audit_events' })
export class AuditEventEntity {
  @Column({ type: 'bigint', insert: false, update: false }) seq!: string;
  @PrimaryColumn({ type: 'text' }) id!: string;
  @Column({ name: 'event_id', type: 'text' }) eventId!: string;
  @Column({ name: 'org_id', type: 'text' }) orgId!: string;
  @Column({ name: 'application_id', type: 'text', nullable: true }) applicationId!: string | null;
  @Column({ name: 'occurred_at', type: 'timestamptz' }) occurredAt!: Date;
  @Column({ name: 'recorded_at', type: 'timestamptz', insert: false, update: false }) recordedAt!: Date;
  @Column({ type: 'text' }) action!: string;
  @Column({ type: 'text' }) outcome!: 'success' | 'denied' | 'failure';
  @Column({ name: 'actor_type', type: 'text' }) actorType!: 'user' | 'api_key' | 'system';
  @Column({ name: 'actor_id', type: 'text' }) actorId!: string;
  @Column({ name: 'actor_user_id', type: 'text', nullable: true }) actorUserId!: string | null;
  @Column({ name: 'actor_api_key_id', type: 'text', nullable: true }) actorApiKeyId!: string | null;
  @Column({ name: 'end_user_id', type: 'text', nullable: true }) endUserId!: string | null;
  @Column({ name: 'impersonator_user_id', type: 'text', nullable: true }) impersonatorUserId!: string | null;
  @Column({ name: 'impersonation_id', type: 'text', nullable: true }) impersonationId!: string | null;
  @Column({ name: 'resource_type', type: 'text' }) resourceType!: string;
  @Column({ name: 'resource_id', type: 'text' }) resourceId!: string;
  @Column({ name: 'request_id', type: 'text', nullable: true }) requestId!: string | null;
  @Column({ type: 'text', nullable: true }) ip!: string | null;
  @Column({ name: 'user_agent', type: 'text', nullable: true }) userAgent!: string | null;
  @Column({ type: 'jsonb' }) metadata!: Record<string, unknown>;
  @Column({ type: 'text' }) hash!: string;
  @Column({ name: 'prev_hash', type: 'text', nullable: true }) prevHash!: string | null;
}
