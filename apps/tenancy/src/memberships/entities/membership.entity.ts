import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'memberships' })
export class MembershipEntity {
  @PrimaryColumn({ name: 'org_id', type: 'text' }) orgId!: string;
  @PrimaryColumn({ name: 'user_id', type: 'text' }) userId!: string;
  /** A built-in role name or a custom role id (`role_…`) of the same org. */
  @Column({ type: 'text' }) role!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
