import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
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

  /** Scoped to the user: one user can never revoke another's session. */
  async revoke(userId: string, sessionId: string): Promise<boolean> {
    const result = await this.dataSource
      .getRepository(SessionEntity)
      .update({ id: sessionId, userId, revokedAt: IsNull() }, { revokedAt: new Date() });
    return (result.affected ?? 0) > 0;
  }

  async touch(sessionId: string): Promise<void> {
    await this.dataSource.query(`UPDATE "identity"."sessions" SET "last_seen_at" = now() WHERE "id" = $1`, [sessionId]);
  }
}
