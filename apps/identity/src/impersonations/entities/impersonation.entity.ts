import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'impersonations' })
export class ImpersonationEntity {
  @PrimaryColumn({ type: 'text' }) id!: string;
  @Column({ name: 'admin_user_id', type: 'text' }) adminUserId!: string;
  @Column({ name: 'target_user_id', type: 'text' }) targetUserId!: string;
  @Column({ type: 'text' }) reason!: string;
  @Column({ name: 'session_id', type: 'text' }) sessionId!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt!: Date;
  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true }) endedAt!: Date | null;
}
