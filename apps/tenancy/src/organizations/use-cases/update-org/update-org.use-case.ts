import { auditFromContext, Errors, type OrgWithRoleDto, type RequestContext, type UpdateOrgRequest } from '@agentry/contracts';
import { OutboxWriter } from '@agentry/messaging';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { orgScopeOf, requireUserId } from '../../../common/org-scope.js';
import { toOrgDto } from '../../organization.mapper.js';
import { OrganizationsRepository } from '../../organizations.repository.js';

/** `PATCH /orgs/{orgId} {name}` (org:update). */
@Injectable()
export class UpdateOrg {
  constructor(private readonly dataSource: DataSource, private readonly orgs: OrganizationsRepository, private readonly outbox: OutboxWriter) {}

  async execute(ctx: RequestContext, input: UpdateOrgRequest): Promise<OrgWithRoleDto> {
    const { orgId } = orgScopeOf(ctx, input);
    const userId = requireUserId(ctx);
    const name = input.name.trim();
    await this.dataSource.transaction(async (manager) => {
      const org = await this.orgs.findLiveForUpdate(manager, orgId);
      if (!org) throw Errors.notFound('organization');
      if (org.name === name) return;
      await this.orgs.rename(manager, orgId, name);
      await this.outbox.addEvent(manager, {
        type: 'org.updated', orgId, applicationId: null, data: { ...toOrgDto(org), name },
        audit: auditFromContext(ctx, 'org.update', { type: 'organization', id: orgId }, { name: { from: org.name, to: name } }), traceparent: ctx.traceparent,
      });
    });
    const found = await this.orgs.findForMember(userId, orgId);
    if (!found) throw Errors.notFound('organization');
    return { ...toOrgDto(found.org), role: found.role };
  }
}
