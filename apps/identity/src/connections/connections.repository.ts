import type { AppScope } from '@agentry/persistence';
import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, type EntityManager, type FindOptionsWhere } from 'typeorm';
import type { PageRequest } from '../common/list-cursors.js';
import { ownerColumns, type ConnectionOwner } from './connection-owner.js';
import { ConnectionEntity } from './entities/connection.entity.js';

/** Scoped to org + application and to the owner: nobody reaches another owner's connections. */
@Injectable()
export class ConnectionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, connection: ConnectionEntity): Promise<void> {
    await manager.getRepository(ConnectionEntity).insert(connection);
  }

  /** Newest first; `limit + 1` rows when paged, every row otherwise. */
  list(scope: AppScope, owner: ConnectionOwner, page?: PageRequest): Promise<ConnectionEntity[]> {
    const qb = this.dataSource
      .getRepository(ConnectionEntity)
      .createQueryBuilder('c')
      .where('c.orgId = :orgId AND c.applicationId = :applicationId', { orgId: scope.orgId, applicationId: scope.applicationId });
    if (owner.kind === 'end_user') qb.andWhere('c.endUserId = :endUserId', { endUserId: owner.endUserId });
    else qb.andWhere('c.userId = :userId AND c.endUserId IS NULL', { userId: owner.userId });
    if (page?.beforeId) qb.andWhere('c.id < :beforeId', { beforeId: page.beforeId });
    qb.orderBy('c.id', 'DESC');
    return (page ? qb.limit(page.limit + 1) : qb).getMany();
  }

  /** Deletes and returns the connection, or null when it is not this owner's. */
  async delete(manager: EntityManager, scope: AppScope, owner: ConnectionOwner, id: string): Promise<ConnectionEntity | null> {
    const repository = manager.getRepository(ConnectionEntity);
    const where = ownedWhere(scope, owner, id);
    const found = await repository.findOne({ where, lock: { mode: 'pessimistic_write' } });
    if (!found) return null;
    await repository.delete(where);
    return found;
  }

  /** Erases an end-user's connections (when the end-user is deleted). */
  async deleteForEndUser(manager: EntityManager, scope: AppScope, endUserId: string): Promise<void> {
    await manager.getRepository(ConnectionEntity).delete({ orgId: scope.orgId, applicationId: scope.applicationId, endUserId });
  }
}

function ownedWhere(scope: AppScope, owner: ConnectionOwner, id: string): FindOptionsWhere<ConnectionEntity> {
  const { endUserId, userId } = ownerColumns(owner);
  return {
    id, orgId: scope.orgId, applicationId: scope.applicationId,
    endUserId: endUserId ?? IsNull(), userId: userId ?? IsNull(),
  };
}
