import type { AppScope, EndUserScope } from '@agentry/persistence';
import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, type EntityManager, type FindOptionsWhere } from 'typeorm';
import type { PageRequest } from '../common/list-cursors.js';
import { EndUserEntity } from './entities/end-user.entity.js';

export interface EndUserFilters {
  externalId?: string;
  email?: string;
}

/**
 * Every query is scoped to org + application and skips deleted end-users. With an end-user
 * scope (a request acting for an end-user) only that end-user is visible.
 */
@Injectable()
export class EndUsersRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, endUser: EndUserEntity): Promise<void> {
    await manager.getRepository(EndUserEntity).insert(endUser);
  }

  /** Newest first; returns up to `limit + 1` rows so the caller knows whether there are more. */
  list(scope: EndUserScope, filters: EndUserFilters, page: PageRequest): Promise<EndUserEntity[]> {
    const qb = this.dataSource
      .getRepository(EndUserEntity)
      .createQueryBuilder('e')
      .where('e.orgId = :orgId AND e.applicationId = :applicationId AND e.deletedAt IS NULL', { orgId: scope.orgId, applicationId: scope.applicationId });
    if (scope.endUserId) qb.andWhere('e.id = :endUserId', { endUserId: scope.endUserId });
    if (filters.externalId !== undefined) qb.andWhere('e.externalId = :externalId', { externalId: filters.externalId });
    if (filters.email !== undefined) qb.andWhere('e.email = :email', { email: filters.email });
    if (page.beforeId) qb.andWhere('e.id < :beforeId', { beforeId: page.beforeId });
    return qb.orderBy('e.id', 'DESC').limit(page.limit + 1).getMany();
  }

  findById(scope: EndUserScope, id: string): Promise<EndUserEntity | null> {
    if (!visible(scope, id)) return Promise.resolve(null);
    return this.dataSource.getRepository(EndUserEntity).findOneBy(where(scope, id));
  }

  /** Locks the end-user's row for a change in `manager`'s transaction. */
  findForUpdate(manager: EntityManager, scope: EndUserScope, id: string): Promise<EndUserEntity | null> {
    if (!visible(scope, id)) return Promise.resolve(null);
    return manager.getRepository(EndUserEntity).findOne({ where: where(scope, id), lock: { mode: 'pessimistic_write' } });
  }

  async update(manager: EntityManager, scope: AppScope, endUser: EndUserEntity): Promise<void> {
    const { externalId, email, name, metadata, updatedAt, deletedAt } = endUser;
    await manager.getRepository(EndUserEntity).update(
      { id: endUser.id, orgId: scope.orgId, applicationId: scope.applicationId },
      { externalId, email, name, metadata, updatedAt, deletedAt },
    );
  }

  /** The gateway's `Appstrate-User` check. */
  async exists(scope: AppScope, id: string): Promise<boolean> {
    return this.dataSource.getRepository(EndUserEntity).existsBy(where(scope, id));
  }
}

function visible(scope: EndUserScope, id: string): boolean {
  return !scope.endUserId || scope.endUserId === id;
}

function where(scope: AppScope, id: string): FindOptionsWhere<EndUserEntity> {
  return { id, orgId: scope.orgId, applicationId: scope.applicationId, deletedAt: IsNull() };
}
