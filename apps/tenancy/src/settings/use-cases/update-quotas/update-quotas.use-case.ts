import { auditFromContext, Errors, type OrgQuotasDto, type RequestContext, type UpdateQuotasRequest } from '@agentry/contracts';
import { OutboxWriter } from '@agentry/messaging';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { orgScopeOf } from '../../../common/org-scope.js';
import { TenancyConfig } from '../../../config/tenancy.config.js';
import { TenancyBroadcasts } from '../../../common/tenancy-broadcasts.js';
import { toQuotasDto } from '../../settings.mapper.js';
import { SettingsRepository, type QuotasPatch } from '../../settings.repository.js';

@Injectable()
export class UpdateQuotas {
  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: SettingsRepository,
    private readonly outbox: OutboxWriter,
    private readonly broadcasts: TenancyBroadcasts,
    private readonly config: TenancyConfig,
  ) {}

  private assertWithinPlatformLimits(input: UpdateQuotasRequest): void {
    const limits: [keyof UpdateQuotasRequest, number][] = [
      ['maxConcurrentRuns', this.config.QUOTA_LIMIT_MAX_CONCURRENT_RUNS],
      ['maxQueuedRuns', this.config.QUOTA_LIMIT_MAX_QUEUED_RUNS],
      ['requestsPerMinute', this.config.QUOTA_LIMIT_REQUESTS_PER_MINUTE],
    ];
    const over = limits.filter(([field, limit]) => typeof input[field] === 'number' && (input[field] as number) > limit);
    if (over.length > 0) {
      throw Errors.validation(over.map(([field, limit]) => ({ field, code: 'exceeds_platform_limit', message: `${field} may be at most ${limit} on this platform.` })));
    }
  }

  async execute(ctx: RequestContext, input: UpdateQuotasRequest): Promise<OrgQuotasDto> {
    const scope = orgScopeOf(ctx, input);
    this.assertWithinPlatformLimits(input);
    const patch: QuotasPatch = {};
    if (input.requestsPerMinute !== undefined) patch.requestsPerMinute = input.requestsPerMinute;
    if (input.maxConcurrentRuns !== undefined) patch.maxConcurrentRuns = input.maxConcurrentRuns;
    if (input.maxQueuedRuns !== undefined) patch.maxQueuedRuns = input.maxQueuedRuns;
    if (input.dailyBudgetMicroUsd !== undefined) patch.dailyBudgetMicroUsd = input.dailyBudgetMicroUsd;
    const dto = await this.dataSource.transaction(async (manager) => {
      const quotas = await this.settings.updateQuotas(manager, scope, patch);
      if (!quotas) throw Errors.notFound('organization');
      const updated = toQuotasDto(quotas);
      await this.outbox.addEvent(manager, {
        type: 'quotas.updated', orgId: scope.orgId, applicationId: null, data: updated,
        audit: auditFromContext(ctx, 'quotas.update', { type: 'quotas', id: scope.orgId }, { changes: patch }), traceparent: ctx.traceparent,
      });
      return updated;
    });
    // Gateways (rate limits) and runs (admission) drop their cached copy before this reply leaves.
    this.broadcasts.quotasChanged({ orgId: scope.orgId });
    return dto;
  }
}
