import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'invitations' })
export class InvitationEntity {
  @PrimaryColumn({ type: 'text' }) id!: string;
  @Column({ name: 'org_id', type: 'text' }) orgId!: string;
  /** Canonical (trimmed, NFC, lower-case), like identity's. */
  @Column({ type: 'text' }) email!: string;
  @Column({ type: 'text' }) role!: string;
  @Column({ name: 'token_hash', type: 'text' }) tokenHash!: string;
  @Column({ name: 'invited_by', type: 'text' }) invitedBy!: string;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt!: Date;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'accepted_at', type: 'timestamptz', nullable: true }) acceptedAt!: Date | null;
  @Column({ name: 'accepted_by', type: 'text', nullable: true }) acceptedBy!: string | null;
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt!: Date | null;
}
