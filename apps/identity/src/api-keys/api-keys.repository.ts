import type { AppScope } from '@agentry/persistence';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { PageRequest } from '../common/list-cursors.js';
import { ApiKeyEntity } from './entities/api-key.entity.js';

/** Every read and write of a key is scoped to its org and application, except the lookup by secret hash. */
@Injectable()
export class ApiKeysRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, key: ApiKeyEntity): Promise<void> {
    await manager.getRepository(ApiKeyEntity).insert(key);
  }

  /** Newest first; returns up to `limit + 1` rows so the caller knows whether there are more. */
  list(scope: AppScope, page: PageRequest): Promise<ApiKeyEntity[]> {
    const qb = this.dataSource
      .getRepository(ApiKeyEntity)
      .createQueryBuilder('k')
      .where('k.orgId = :orgId AND k.applicationId = :applicationId', { orgId: scope.orgId, applicationId: scope.applicationId });
    if (page.beforeId) qb.andWhere('k.id < :beforeId', { beforeId: page.beforeId });
    return qb.orderBy('k.id', 'DESC').limit(page.limit + 1).getMany();
  }

  findById(scope: AppScope, id: string): Promise<ApiKeyEntity | null> {
    return this.dataSource.getRepository(ApiKeyEntity).findOneBy({ id, orgId: scope.orgId, applicationId: scope.applicationId });
  }

  /** Locks the key's row for a state change in `manager`'s transaction. */
  findForUpdate(manager: EntityManager, scope: AppScope, id: string): Promise<ApiKeyEntity | null> {
    return manager.getRepository(ApiKeyEntity).findOne({
      where: { id, orgId: scope.orgId, applicationId: scope.applicationId },
      lock: { mode: 'pessimistic_write' },
    });
  }

  async markRevoked(manager: EntityManager, scope: AppScope, id: string, at: Date): Promise<void> {
    await manager.getRepository(ApiKeyEntity).update({ id, orgId: scope.orgId, applicationId: scope.applicationId }, { revokedAt: at });
  }

  /** Authentication: the hash of a secret identifies the key (and so its tenant). */
  findByHash(keyHash: string): Promise<ApiKeyEntity | null> {
    return this.dataSource.getRepository(ApiKeyEntity).findOneBy({ keyHash });
  }

  /** Records use at minute resolution: writes at most once a minute per key, without a read. */
  async touchLastUsed(id: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE "identity"."api_keys" SET "last_used_at" = now()
       WHERE "id" = $1 AND ("last_used_at" IS NULL OR "last_used_at" < now() - interval '1 minute')`,
      [id],
    );
  }
}
