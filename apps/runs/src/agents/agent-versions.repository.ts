import type { AppScope } from '@agentry/persistence';
import { Injectable } from '@nestjs/common';
import { DataSource, LessThan, type EntityManager, type QueryDeepPartialEntity } from 'typeorm';
import { AgentVersionEntity } from './entities/agent-version.entity.js';

@Injectable()
export class AgentVersionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  findVersion(scope: AppScope, agentId: string, version: number): Promise<AgentVersionEntity | null> {
    return this.dataSource.getRepository(AgentVersionEntity).findOneBy({ orgId: scope.orgId, applicationId: scope.applicationId, agentId, version });
  }

  /** By id, for the runner-facing subjects (called by the platform, not a tenant). */
  findById(id: string): Promise<AgentVersionEntity | null> {
    return this.dataSource.getRepository(AgentVersionEntity).findOneBy({ id });
  }

  /** Newest first, below `beforeVersion` when paging. */
  list(scope: AppScope, agentId: string, beforeVersion: number | undefined, take: number): Promise<AgentVersionEntity[]> {
    return this.dataSource.getRepository(AgentVersionEntity).find({
      where: { orgId: scope.orgId, applicationId: scope.applicationId, agentId, ...(beforeVersion ? { version: LessThan(beforeVersion) } : {}) },
      order: { version: 'DESC' },
      take,
    });
  }

  async insert(manager: EntityManager, version: AgentVersionEntity): Promise<void> {
    // JSON Schema columns are free-form objects, which TypeORM's deep-partial type cannot follow.
    await manager.getRepository(AgentVersionEntity).insert(version as QueryDeepPartialEntity<AgentVersionEntity>);
  }
}
