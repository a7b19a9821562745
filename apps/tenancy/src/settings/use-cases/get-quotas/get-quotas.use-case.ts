import { Errors, type OrgPathParams, type OrgQuotasDto, type RequestContext } from '@agentry/contracts';
import { Injectable } from '@nestjs/common';
import { orgScopeOf } from '../../../common/org-scope.js';
import { toQuotasDto } from '../../settings.mapper.js';
import { SettingsRepository } from '../../settings.repository.js';

/** Also called by the runs service for admission, with a system context naming the org. */
@Injectable()
export class GetQuotas {
  constructor(private readonly settings: SettingsRepository) {}

  async execute(ctx: RequestContext, input: OrgPathParams): Promise<OrgQuotasDto> {
    const quotas = await this.settings.findQuotas(orgScopeOf(ctx, input));
    if (!quotas) throw Errors.notFound('organization');
    return toQuotasDto(quotas);
  }
}
