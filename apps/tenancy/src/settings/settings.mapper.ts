import type { OrgQuotasDto, OrgSettingsDto } from '@agentry/contracts';
import type { OrganizationEntity } from '../organizations/entities/organization.entity.js';
import type { QuotasEntity } from './entities/quotas.entity.js';

export function toSettingsDto(org: OrganizationEntity): OrgSettingsDto {
  return { object: 'settings', apiVersion: org.apiVersion, auditRetentionDays: org.auditRetentionDays };
}

export function toQuotasDto(quotas: QuotasEntity): OrgQuotasDto {
  return {
    object: 'quotas', requestsPerMinute: quotas.requestsPerMinute, maxConcurrentRuns: quotas.maxConcurrentRuns,
    maxQueuedRuns: quotas.maxQueuedRuns, dailyBudgetMicroUsd: quotas.dailyBudgetMicroUsd,
  };
}
