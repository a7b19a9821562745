import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { ApplicationScope } from './application-scope.js';
import { ApplicationEntity } from './entities/application.entity.js';

/** Live (not deleted) applications, always within an org and, for API keys, only the key's own. */
@Injectable()
export class ApplicationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, app: ApplicationEntity): Promise<void> {
    await manager.getRepository(ApplicationEntity).insert(app);
  }

  findById(scope: ApplicationScope, id: string, manager: EntityManager = this.dataSource.manager): Promise<ApplicationEntity | null> {
    return this.scoped(manager, scope).andWhere('a.id = :id', { id }).getOne();
  }

  /** For update/delete: the row is locked until the transaction ends. */
  findByIdForUpdate(manager: EntityManager, scope: ApplicationScope, id: string): Promise<ApplicationEntity | null> {
    return this.scoped(manager, scope).andWhere('a.id = :id', { id }).setLock('pessimistic_write').getOne();
  }

  /** Newest first; `afterId` continues a previous page. */
  list(scope: ApplicationScope, afterId: string | undefined, take: number): Promise<ApplicationEntity[]> {
    const query = this.scoped(this.dataSource.manager, scope).orderBy('a.id', 'DESC').take(take);
    if (afterId !== undefined) query.andWhere('a.id < :afterId', { afterId });
    return query.getMany();
  }

  async rename(manager: EntityManager, app: ApplicationEntity, name: string): Promise<void> {
    app.name = name;
    app.updatedAt = new Date();
    await manager.getRepository(ApplicationEntity).update({ id: app.id, orgId: app.orgId }, { name, updatedAt: app.updatedAt });
  }

  async softDelete(manager: EntityManager, app: ApplicationEntity): Promise<void> {
    const now = new Date();
    await manager.getRepository(ApplicationEntity).update({ id: app.id, orgId: app.orgId }, { deletedAt: now, updatedAt: now });
  }

  private scoped(manager: EntityManager, scope: ApplicationScope): SelectQueryBuilder<ApplicationEntity> {
    const query = manager
      .getRepository(ApplicationEntity)
      .createQueryBuilder('a')
      .where('a.org_id = :orgId', { orgId: scope.orgId })
      .andWhere('a.deleted_at IS NULL');
    if (scope.onlyApplicationId !== undefined) query.andWhere('a.id = :only', { only: scope.onlyApplicationId });
    return query;
  }
}
