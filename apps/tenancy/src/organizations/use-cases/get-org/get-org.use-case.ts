import { Errors, isId, requireOrg, type GetOrgRequest, type OrgWithRoleDto, type RequestContext } from '@agentry/contracts';
import { Injectable } from '@nestjs/common';
import { requireUserId } from '../../../common/org-scope.js';
import { toOrgWithRoleDto } from '../../organization.mapper.js';
import { OrganizationsRepository } from '../../organizations.repository.js';

/** Members only: for anyone else the org does not exist (404). */
@Injectable()
export class GetOrg {
  constructor(private readonly orgs: OrganizationsRepository) {}

  async execute(ctx: RequestContext, input: GetOrgRequest): Promise<OrgWithRoleDto> {
    const userId = requireUserId(ctx);
    const orgId = input.orgId ?? requireOrg(ctx);
    const found = isId('org', orgId) ? await this.orgs.findForMember(userId, orgId) : null;
    if (!found) throw Errors.notFound('organization');
    return toOrgWithRoleDto(found);
  }
}
