import { Injectable } from '@nestjs/common';
import { IsNull, type EntityManager } from 'typeorm';
import { ImpersonationEntity } from './entities/impersonation.entity.js';

@Injectable()
export class ImpersonationsRepository {
  async insert(manager: EntityManager, impersonation: ImpersonationEntity): Promise<void> {
    await manager.getRepository(ImpersonationEntity).insert(impersonation);
  }

  findForUpdate(manager: EntityManager, id: string): Promise<ImpersonationEntity | null> {
    return manager.getRepository(ImpersonationEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async endIfOpen(manager: EntityManager, id: string, endedAt: Date): Promise<void> {
    await manager.getRepository(ImpersonationEntity).update({ id, endedAt: IsNull() }, { endedAt });
  }

  async markEnded(manager: EntityManager, id: string, endedAt: Date): Promise<void> {
    await manager.getRepository(ImpersonationEntity).update({ id }, { endedAt });
  }
}
