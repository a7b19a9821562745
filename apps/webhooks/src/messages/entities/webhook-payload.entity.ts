import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The exact bytes sent for an event, stored once and shared by every message of that event. */
@Entity({ name: 'payloads' })
export class WebhookPayloadEntity {
  @PrimaryColumn({ name: 'event_id', type: 'text' }) eventId!: string;
  @Column({ name: 'org_id', type: 'text' }) orgId!: string;
  @Column({ name: 'event_type', type: 'text' }) eventType!: string;
  @Column({ type: 'text' }) body!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
