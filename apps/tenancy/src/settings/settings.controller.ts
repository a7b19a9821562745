import { OrgPathParams, Subjects, UpdateQuotasRequest, UpdateSettingsRequest, type RequestContext } from '@agentry/contracts';
import { Ctx, Data, Rpc } from '@agentry/messaging';
import { Controller } from '@nestjs/common';
import { GetQuotas } from './use-cases/get-quotas/get-quotas.use-case.js';
import { GetSettings } from './use-cases/get-settings/get-settings.use-case.js';
import { UpdateQuotas } from './use-cases/update-quotas/update-quotas.use-case.js';
import { UpdateSettings } from './use-cases/update-settings/update-settings.use-case.js';

/** Org settings and quotas, scoped to ctx.orgId. */
@Controller()
export class SettingsController {
  constructor(
    private readonly getSettings: GetSettings,
    private readonly updateSettings: UpdateSettings,
    private readonly getQuotas: GetQuotas,
    private readonly updateQuotas: UpdateQuotas,
  ) {}

  @Rpc(Subjects.tenancy.getSettings)
  settings(@Ctx() ctx: RequestContext, @Data(OrgPathParams) input: OrgPathParams) {
    return this.getSettings.execute(ctx, input);
  }

  @Rpc(Subjects.tenancy.updateSettings)
  patchSettings(@Ctx() ctx: RequestContext, @Data(UpdateSettingsRequest) input: UpdateSettingsRequest) {
    return this.updateSettings.execute(ctx, input);
  }

  @Rpc(Subjects.tenancy.getQuotas)
  quotas(@Ctx() ctx: RequestContext, @Data(OrgPathParams) input: OrgPathParams) {
    return this.getQuotas.execute(ctx, input);
  }

  @Rpc(Subjects.tenancy.updateQuotas)
  patchQuotas(@Ctx() ctx: RequestContext, @Data(UpdateQuotasRequest) input: UpdateQuotasRequest) {
    return this.updateQuotas.execute(ctx, input);
  }
}
