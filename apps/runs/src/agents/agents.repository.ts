import { isId, SLUG_PATTERN } from '@agentry/contracts';
import type { AppScope } from '@agentry/persistence';
import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, LessThan, type EntityManager, type FindOptionsWhere } from 'typeorm';
import { AgentEntity } from './entities/agent.entity.js';

/** Agents of one application; deleted agents are invisible. Every method takes the tenant scope. */
@Injectable()
export class AgentsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** By `agt_` id or slug; anything else is simply not found. */
  findByRef(scope: AppScope, ref: string, manager: EntityManager = this.dataSource.manager): Promise<AgentEntity | null> {
    const where = refWhere(scope, ref);
    return where ? manager.getRepository(AgentEntity).findOneBy(where) : Promise.resolve(null);
  }

  /** Same, locking the row until the transaction ends (publishing a version numbers it under the lock). */
  findByRefForUpdate(manager: EntityManager, scope: AppScope, ref: string): Promise<AgentEntity | null> {
    const where = refWhere(scope, ref);
    return where ? manager.getRepository(AgentEntity).findOne({ where, lock: { mode: 'pessimistic_write' } }) : Promise.resolve(null);
  }

  /** Newest first, before `beforeId` when paging. */
  list(scope: AppScope, beforeId: string | undefined, take: number): Promise<AgentEntity[]> {
    return this.dataSource.getRepository(AgentEntity).find({
      where: { ...live(scope), ...(beforeId ? { id: LessThan(beforeId) } : {}) },
      order: { id: 'DESC' },
      take,
    });
  }

  async insert(manager: EntityManager, agent: AgentEntity): Promise<void> {
    await manager.getRepository(AgentEntity).insert(agent);
  }

  async save(manager: EntityManager, scope: AppScope, agent: AgentEntity): Promise<void> {
    await manager.getRepository(AgentEntity).update(
      { id: agent.id, ...live(scope) },
      { name: agent.name, description: agent.description, latestVersion: agent.latestVersion, updatedAt: agent.updatedAt, deletedAt: agent.deletedAt },
    );
  }
}

function live(scope: AppScope): FindOptionsWhere<AgentEntity> {
  return { orgId: scope.orgId, applicationId: scope.applicationId, deletedAt: IsNull() };
}

function refWhere(scope: AppScope, ref: string): FindOptionsWhere<AgentEntity> | null {
  if (isId('agt', ref)) return { ...live(scope), id: ref };
  if (SLUG_PATTERN.test(ref)) return { ...live(scope), slug: ref };
  return null;
}
