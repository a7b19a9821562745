import type { OrgScope } from '@agentry/persistence';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { RoleEntity } from './entities/role.entity.js';

/** An org's custom roles (built-in roles are not stored). */
@Injectable()
export class RolesRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, role: RoleEntity): Promise<void> {
    await manager.getRepository(RoleEntity).insert(role);
  }

  /** Newest first; `afterId` continues a previous page. */
  list(scope: OrgScope, afterId: string | undefined, take: number): Promise<RoleEntity[]> {
    const query = this.dataSource
      .getRepository(RoleEntity)
      .createQueryBuilder('r')
      .where('r.org_id = :orgId', { orgId: scope.orgId })
      .orderBy('r.id', 'DESC')
      .take(take);
    if (afterId !== undefined) query.andWhere('r.id < :afterId', { afterId });
    return query.getMany();
  }
}
