import { Errors, type ListReply, type ListOrgsRequest, type OrgDto, type RequestContext } from '@agentry/contracts';
import { cursorScope } from '@agentry/persistence';
import { Injectable } from '@nestjs/common';
import { Cursors, DEFAULT_LIMIT } from '../../../common/cursors.js';
import { toOrgDto } from '../../organization.mapper.js';
import { OrganizationsRepository } from '../../organizations.repository.js';

/** `GET /admin/orgs`: every live org, newest first, for platform admins only. */
@Injectable()
export class ListAllOrgs {
  constructor(private readonly orgs: OrganizationsRepository, private readonly cursors: Cursors) {}

  async execute(ctx: RequestContext, query: ListOrgsRequest): Promise<ListReply<OrgDto>> {
    if (!ctx.platformAdmin) throw Errors.insufficientScope('platform:orgs');
    const listScope = cursorScope('all_orgs', {});
    const limit = query.limit ?? DEFAULT_LIMIT;
    const rows = await this.orgs.listAll(this.cursors.after(listScope, query.cursor), limit + 1);
    return this.cursors.page(listScope, rows, limit, (org) => org.id, toOrgDto);
  }
}
