import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Owned by exactly one of an end-user or a dashboard user (a CHECK constraint holds it). */
@Entity({ name: 'connections' })
export class ConnectionEntity {
  @PrimaryColumn({ type: 'text' }) id!: string;
  @Column({ name: 'org_id', type: 'text' }) orgId!: string;
  @Column({ name: 'application_id', type: 'text' }) applicationId!: string;
  @Column({ name: 'end_user_id', type: 'text', nullable: true }) endUserId!: string | null;
  @Column({ name: 'user_id', type: 'text', nullable: true }) userId!: string | null;
  @Column({ type: 'text' }) provider!: string;
  @Column({ type: 'text', nullable: true }) label!: string | null;
  /** Which key of the ring encrypted the credentials (see CredentialsCipher). */
  @Column({ name: 'credentials_key_index', type: 'integer' }) credentialsKeyIndex!: number;
  @Column({ name: 'credentials_ciphertext', type: 'text' }) credentialsCiphertext!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
