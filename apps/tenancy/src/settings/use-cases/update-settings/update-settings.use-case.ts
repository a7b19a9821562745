import {
  API_VERSIONS, appError, auditFromContext, Errors, isSupportedApiVersion, type OrgSettingsDto, type RequestContext, type UpdateSettingsRequest,
} from '@agentry/contracts';
import { OutboxWriter } from '@agentry/messaging';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TenancyBroadcasts } from '../../../common/tenancy-broadcasts.js';
import { orgScopeOf } from '../../../common/org-scope.js';
import { toSettingsDto } from '../../settings.mapper.js';
import { SettingsRepository, type SettingsPatch } from '../../settings.repository.js';

@Injectable()
export class UpdateSettings {
  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: SettingsRepository,
    private readonly outbox: OutboxWriter,
    private readonly broadcasts: TenancyBroadcasts,
  ) {}

  async execute(ctx: RequestContext, input: UpdateSettingsRequest): Promise<OrgSettingsDto> {
    const scope = orgScopeOf(ctx, input);
    if (input.apiVersion !== undefined && !isSupportedApiVersion(input.apiVersion)) {
      throw appError(400, 'unsupported_api_version', `Unsupported API version "${input.apiVersion}"; supported: ${API_VERSIONS.join(', ')}.`);
    }
    const patch: SettingsPatch = {};
    if (input.apiVersion !== undefined) patch.apiVersion = input.apiVersion;
    if (input.auditRetentionDays !== undefined) patch.auditRetentionDays = input.auditRetentionDays;
    const dto = await this.dataSource.transaction(async (manager) => {
      const org = await this.settings.updateSettings(manager, scope, patch);
      if (!org) throw Errors.notFound('organization');
      const settings = toSettingsDto(org);
      await this.outbox.addEvent(manager, {
        type: 'settings.updated', orgId: scope.orgId, applicationId: null, data: settings,
        audit: auditFromContext(ctx, 'settings.update', { type: 'settings', id: scope.orgId }, { changes: patch }), traceparent: ctx.traceparent,
      });
      return settings;
    });
    if (patch.apiVersion !== undefined) this.broadcasts.membershipChanged({ orgId: scope.orgId, reason: 'settings_updated' });
    return dto;
  }
}
