import { auditFromContext, CURRENT_API_VERSION, newId, type CreateOrgRequest, type OrgWithRoleDto, type RequestContext } from '@agentry/contracts';
import { OutboxWriter } from '@agentry/messaging';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApplicationsRepository } from '../../../applications/applications.repository.js';
import { ApplicationEntity } from '../../../applications/entities/application.entity.js';
import { TenancyBroadcasts } from '../../../common/tenancy-broadcasts.js';
import { refuseSupportSession, requireUserId } from '../../../common/org-scope.js';
import { MembershipEntity } from '../../../memberships/entities/membership.entity.js';
import { toMemberEventData } from '../../../memberships/member.mapper.js';
import { MembershipsRepository } from '../../../memberships/memberships.repository.js';
import { SettingsRepository } from '../../../settings/settings.repository.js';
import { OrganizationEntity } from '../../entities/organization.entity.js';
import { toOrgDto } from '../../organization.mapper.js';
import { OrganizationsRepository } from '../../organizations.repository.js';

export const DEFAULT_APPLICATION_NAME = 'Default';
const DEFAULT_AUDIT_RETENTION_DAYS = 365;

/**
 * One transaction: the org (version pinned to the current one), its default application, the
 * caller as owner, default quotas, and the `org.created` (audited) and `member.added` events.
 */
@Injectable()
export class CreateOrg {
  constructor(
    private readonly dataSource: DataSource,
    private readonly orgs: OrganizationsRepository,
    private readonly applications: ApplicationsRepository,
    private readonly memberships: MembershipsRepository,
    private readonly settings: SettingsRepository,
    private readonly outbox: OutboxWriter,
    private readonly broadcasts: TenancyBroadcasts,
  ) {}

  async execute(ctx: RequestContext, input: CreateOrgRequest): Promise<OrgWithRoleDto> {
    const userId = requireUserId(ctx);
    refuseSupportSession(ctx);
    const now = new Date();
    const orgId = newId('org');
    const app = Object.assign(new ApplicationEntity(), {
      id: newId('app'), orgId, name: DEFAULT_APPLICATION_NAME, isDefault: true, createdAt: now, updatedAt: now, deletedAt: null,
    });
    const org = Object.assign(new OrganizationEntity(), {
      id: orgId, name: input.name.trim(), apiVersion: CURRENT_API_VERSION, auditRetentionDays: DEFAULT_AUDIT_RETENTION_DAYS,
      defaultApplicationId: app.id, createdBy: userId, createdAt: now, updatedAt: now, deletedAt: null,
    });
    const owner = Object.assign(new MembershipEntity(), { orgId, userId, role: 'owner', createdAt: now, updatedAt: now });
    const dto = toOrgDto(org);
    await this.dataSource.transaction(async (manager) => {
      await this.orgs.insert(manager, org);
      await this.applications.insert(manager, app);
      await this.memberships.insert(manager, owner);
      await this.settings.insertDefaultQuotas(manager, { orgId });
      await this.outbox.addEvent(manager, {
        type: 'org.created', orgId, applicationId: null, data: dto, apiVersion: org.apiVersion,
        audit: auditFromContext({ ...ctx, orgId }, 'org.create', { type: 'organization', id: orgId }, { name: org.name }),
        traceparent: ctx.traceparent,
      });
      await this.outbox.addEvent(manager, {
        type: 'member.added', orgId, applicationId: null, data: toMemberEventData(owner), apiVersion: org.apiVersion, traceparent: ctx.traceparent,
      });
    });
    this.broadcasts.membershipChanged({ orgId, userId, reason: 'member_added' });
    return { ...dto, role: owner.role };
  }
}
