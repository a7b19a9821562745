import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'agents' })
export class AgentEntity {
  @PrimaryColumn({ type: 'text' }) id!: string;
  @Column({ name: 'org_id', type: 'text' }) orgId!: string;
  @Column({ name: 'application_id', type: 'text' }) applicationId!: string;
  @Column({ type: 'text' }) slug!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text', nullable: true }) description!: string | null;
  @Column({ name: 'latest_version', type: 'integer' }) latestVersion!: number;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true }) deletedAt!: Date | null;
}
