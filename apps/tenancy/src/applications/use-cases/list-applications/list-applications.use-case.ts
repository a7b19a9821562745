import type { ApplicationDto, ListReply, RequestContext, TenancyListQuery } from '@agentry/contracts';
import { cursorScope } from '@agentry/persistence';
import { Injectable } from '@nestjs/common';
import { Cursors, DEFAULT_LIMIT } from '../../../common/cursors.js';
import { applicationScopeOf } from '../../application-scope.js';
import { toApplicationDto } from '../../application.mapper.js';
import { ApplicationsRepository } from '../../applications.repository.js';

@Injectable()
export class ListApplications {
  constructor(private readonly applications: ApplicationsRepository, private readonly cursors: Cursors) {}

  async execute(ctx: RequestContext, query: TenancyListQuery): Promise<ListReply<ApplicationDto>> {
    const scope = applicationScopeOf(ctx);
    const listScope = cursorScope('applications', { orgId: scope.orgId, applicationId: scope.onlyApplicationId });
    const limit = query.limit ?? DEFAULT_LIMIT;
    const rows = await this.applications.list(scope, this.cursors.after(listScope, query.cursor), limit + 1);
    return this.cursors.page(listScope, rows, limit, (app) => app.id, toApplicationDto);
  }
}
