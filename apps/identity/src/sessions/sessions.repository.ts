import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import type { PageRequest } from '../common/list-cursors.js';
import { SessionEntity } from './entities/session.entity.js';

@Injectable()
export class SessionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, session: SessionEntity): Promise<void> {
    await manager.getRepository(SessionEntity).insert(session);
  }

  findActiveByTokenHash(tokenHash: string): Promise<SessionEntity | null> {
    return this.dataSource.getRepository(SessionEntity).findOneBy({ tokenHash, revokedAt: IsNull() });
  }

  /** The user's sessions that are neither revoked nor expired, newest first; `limit + 1` rows. */
  listActive(userId: string, page: PageRequest): Promise<SessionEntity[]> {
    const qb = this.dataSource
      .getRepository(SessionEntity)
      .createQueryBuilder('s')
      .where('s.userId = :userId AND s.revokedAt IS NULL AND s.expiresAt > now()', { userId });
    if (page.beforeId) qb.andWhere('s.id < :beforeId', { beforeId: page.beforeId });
    return qb.orderBy('s.id', 'DESC').limit(page.limit + 1).getMany();
  }

  /** Scoped to the user: one user can never revoke another's session. */
  async revoke(userId: string, sessionId: string): Promise<boolean> {
    return this.revokeIn(this.dataSource.manager, userId, sessionId);
  }

  /** `revoke` inside the caller's transaction; false when the user has no such active session. */
  async revokeIn(manager: EntityManager, userId: string, sessionId: string): Promise<boolean> {
    const result = await manager.getRepository(SessionEntity).update({ id: sessionId, userId, revokedAt: IsNull() }, { revokedAt: new Date() });
    return (result.affected ?? 0) > 0;
  }

  async touch(sessionId: string): Promise<void> {
    await this.dataSource.query(`UPDATE "identity"."sessions" SET "last_seen_at" = now() WHERE "id" = $1`, [sessionId]);
  }
}
