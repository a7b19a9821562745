import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'roles' })
export class RoleEntity {
  @PrimaryColumn({ type: 'text' }) id!: string;
  @Column({ name: 'org_id', type: 'text' }) orgId!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text', array: true }) permissions!: string[];
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
