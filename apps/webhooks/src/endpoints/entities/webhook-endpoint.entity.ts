import type { WebhookDisabledReason } from '@agentry/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'endpoints' })
export class WebhookEndpointEntity {
  @PrimaryColumn({ type: 'text' }) id!: string;
  @Column({ name: 'org_id', type: 'text' }) orgId!: string;
  @Column({ name: 'application_id', type: 'text' }) applicationId!: string;
  @Column({ type: 'text' }) url!: string;
  @Column({ type: 'text', array: true }) events!: string[];
  @Column({ type: 'text', nullable: true }) description!: string | null;
  @Column({ type: 'boolean' }) enabled!: boolean;
  @Column({ name: 'disabled_reason', type: 'text', nullable: true }) disabledReason!: WebhookDisabledReason | null;
  /** The signing secret (`whsec_…`), sealed with AES-256-GCM (see SecretBox). */
  @Column({ name: 'secret_enc', type: 'text' }) secretEnc!: string;
  /** After a rotation, the old secret keeps signing (alongside the new one) until it expires. */
  @Column({ name: 'previous_secret_enc', type: 'text', nullable: true }) previousSecretEnc!: string | null;
  @Column({ name: 'previous_secret_expires_at', type: 'timestamptz', nullable: true }) previousSecretExpiresAt!: Date | null;
  /** When the current run of failed deliveries started; null while deliveries succeed. */
  @Column({ name: 'failing_since', type: 'timestamptz', nullable: true }) failingSince!: Date | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
