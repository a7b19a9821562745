import type { OrgScope } from '@agentry/persistence';
import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { OrganizationEntity } from '../organizations/entities/organization.entity.js';
import { QuotasEntity } from './entities/quotas.entity.js';

export interface SettingsPatch {
  apiVersion?: string;
  auditRetentionDays?: number;
}

export type QuotasPatch = Partial<Pick<QuotasEntity, 'requestsPerMinute' | 'maxConcurrentRuns' | 'maxQueuedRuns' | 'dailyBudgetMicroUsd'>>;

/** An org's settings (columns of the organization) and quotas (one row per org, created with it). */
@Injectable()
export class SettingsRepository {
  constructor(private readonly dataSource: DataSource) {}

  findOrg(scope: OrgScope, manager: EntityManager = this.dataSource.manager): Promise<OrganizationEntity | null> {
    return manager.getRepository(OrganizationEntity).findOneBy({ id: scope.orgId, deletedAt: IsNull() });
  }

  /** Returns the updated organization, or null when the org does not exist. */
  async updateSettings(manager: EntityManager, scope: OrgScope, patch: SettingsPatch): Promise<OrganizationEntity | null> {
    await manager.getRepository(OrganizationEntity).update({ id: scope.orgId, deletedAt: IsNull() }, { ...patch, updatedAt: new Date() });
    return this.findOrg(scope, manager);
  }

  async insertDefaultQuotas(manager: EntityManager, scope: OrgScope): Promise<void> {
    await manager.query(`INSERT INTO "tenancy"."quotas" ("org_id") VALUES ($1)`, [scope.orgId]);
  }

  /** Quotas of a live org (null when the org does not exist or is deleted). */
  findQuotas(scope: OrgScope, manager: EntityManager = this.dataSource.manager): Promise<QuotasEntity | null> {
    return manager
      .getRepository(QuotasEntity)
      .createQueryBuilder('q')
      .innerJoin(OrganizationEntity, 'o', 'o.id = q.org_id AND o.deleted_at IS NULL')
      .where('q.org_id = :orgId', { orgId: scope.orgId })
      .getOne();
  }

  async updateQuotas(manager: EntityManager, scope: OrgScope, patch: QuotasPatch): Promise<QuotasEntity | null> {
    await manager.getRepository(QuotasEntity).update({ orgId: scope.orgId }, { ...patch, updatedAt: new Date() });
    return this.findQuotas(scope, manager);
  }
}
