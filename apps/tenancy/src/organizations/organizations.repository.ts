import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, LessThan, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { MembershipEntity } from '../memberships/entities/membership.entity.js';
import { OrganizationEntity } from './entities/organization.entity.js';

export interface OrgWithRole {
  org: OrganizationEntity;
  role: string;
}

/** Organizations are reached through the caller's membership: a non-member never sees one. */
@Injectable()
export class OrganizationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, org: OrganizationEntity): Promise<void> {
    await manager.getRepository(OrganizationEntity).insert(org);
  }

  findLive(orgId: string): Promise<OrganizationEntity | null> {
    return this.dataSource.getRepository(OrganizationEntity).findOneBy({ id: orgId, deletedAt: IsNull() });
  }

  /** Every live org (platform administration), newest first. */
  listAll(beforeId: string | undefined, take: number): Promise<OrganizationEntity[]> {
    return this.dataSource.getRepository(OrganizationEntity).find({
      where: { deletedAt: IsNull(), ...(beforeId ? { id: LessThan(beforeId) } : {}) }, order: { id: 'DESC' }, take,
    });
  }

  /** A live org, locked until the transaction ends. */
  findLiveForUpdate(manager: EntityManager, orgId: string): Promise<OrganizationEntity | null> {
    return manager.getRepository(OrganizationEntity).findOne({ where: { id: orgId, deletedAt: IsNull() }, lock: { mode: 'pessimistic_write' } });
  }

  async rename(manager: EntityManager, orgId: string, name: string): Promise<void> {
    await manager.getRepository(OrganizationEntity).update({ id: orgId }, { name, updatedAt: new Date() });
  }

  /** Soft delete: memberships stop resolving at once (RESOLVE_SQL joins live orgs only). */
  async markDeleted(manager: EntityManager, orgId: string): Promise<void> {
    await manager.getRepository(OrganizationEntity).update({ id: orgId }, { deletedAt: new Date(), updatedAt: new Date() });
  }

  async findForMember(userId: string, orgId: string): Promise<OrgWithRole | null> {
    const [found] = await this.withRole(this.memberOrgs(userId).andWhere('o.id = :orgId', { orgId }));
    return found ?? null;
  }

  /** The member's live orgs, newest first; `afterId` continues a previous page. */
  listForMember(userId: string, afterId: string | undefined, take: number): Promise<OrgWithRole[]> {
    const query = this.memberOrgs(userId).orderBy('o.id', 'DESC').limit(take);
    if (afterId !== undefined) query.andWhere('o.id < :afterId', { afterId });
    return this.withRole(query);
  }

  private memberOrgs(userId: string): SelectQueryBuilder<OrganizationEntity> {
    return this.dataSource
      .getRepository(OrganizationEntity)
      .createQueryBuilder('o')
      .innerJoin(MembershipEntity, 'm', 'm.org_id = o.id AND m.user_id = :userId', { userId })
      .addSelect('m.role', 'member_role')
      .where('o.deleted_at IS NULL');
  }

  private async withRole(query: SelectQueryBuilder<OrganizationEntity>): Promise<OrgWithRole[]> {
    const { entities, raw } = await query.getRawAndEntities<{ member_role: string }>();
    return entities.map((org, i) => ({ org, role: raw[i]!.member_role }));
  }
}
