import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'users' })
export class UserEntity {
  @PrimaryColumn({ type: 'text' }) id!: string;
  @Column({ type: 'text' }) email!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ name: 'password_hash', type: 'text' }) passwordHash!: string;
  /** The TOTP secret, AES-256-GCM sealed (TwoFactorSecrets); set at setup, kept while 2FA is on. */
  @Column({ name: 'totp_secret', type: 'text', nullable: true }) totpSecret!: string | null;
  /** bigint: arrives as a string. */
  @Column({ name: 'totp_last_step', type: 'bigint', nullable: true }) totpLastStep!: string | null;
  @Column({ name: 'two_factor_enabled', type: 'boolean' }) twoFactorEnabled!: boolean;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
