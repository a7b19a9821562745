import { Errors, type OrgPathParams, type OrgSettingsDto, type RequestContext } from '@agentry/contracts';
import { Injectable } from '@nestjs/common';
import { orgScopeOf } from '../../../common/org-scope.js';
import { toSettingsDto } from '../../settings.mapper.js';
import { SettingsRepository } from '../../settings.repository.js';

@Injectable()
export class GetSettings {
  constructor(private readonly settings: SettingsRepository) {}

  async execute(ctx: RequestContext, input: OrgPathParams): Promise<OrgSettingsDto> {
    const org = await this.settings.findOrg(orgScopeOf(ctx, input));
    if (!org) throw Errors.notFound('organization');
    return toSettingsDto(org);
  }
}
