import { appError, auditFromContext, Errors, Subjects, type GetOrgRequest, type RequestContext } from '@agentry/contracts';
import { OutboxWriter, RpcClient } from '@agentry/messaging';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { orgScopeOf, requireUserId } from '../../../common/org-scope.js';
import { MembershipsRepository } from '../../../memberships/memberships.repository.js';
import { TenancyBroadcasts } from '../../../common/tenancy-broadcasts.js';
import { toOrgDto } from '../../organization.mapper.js';
import { OrganizationsRepository } from '../../organizations.repository.js';

/**
 * `DELETE /orgs/{orgId}` (the owner): refused with 409 `runs_in_flight` while runs are queued or
 * running (engage the kill switch first). Otherwise runs closes admission first (it engages the
 * org's kill switch under its admission lock, so no run starts in between), then the soft delete:
 * every membership and API key of the org stops working at once; the audit trail survives.
 */
@Injectable()
export class DeleteOrg {
  constructor(
    private readonly dataSource: DataSource,
    private readonly orgs: OrganizationsRepository,
    private readonly memberships: MembershipsRepository,
    private readonly rpc: RpcClient,
    private readonly outbox: OutboxWriter,
    private readonly broadcasts: TenancyBroadcasts,
  ) {}

  async execute(ctx: RequestContext, input: GetOrgRequest): Promise<{ id: string; object: 'organization'; deleted: true }> {
    const { orgId } = orgScopeOf(ctx, input);
    const actorId = requireUserId(ctx);
    const actor = await this.memberships.find(this.dataSource.manager, { orgId }, actorId);
    if (actor?.role !== 'owner') throw appError(403, 'insufficient_role', 'Only the owner deletes the organization.');
    const { live } = await this.rpc.request<{ live: number }>(Subjects.runs.closeOrgAdmission, ctx, {});
    if (live > 0) throw appError(409, 'runs_in_flight', `${live} run(s) are queued or running; cancel them (or engage the kill switch) first.`, { liveRuns: live });
    await this.dataSource.transaction(async (manager) => {
      const org = await this.orgs.findLiveForUpdate(manager, orgId);
      if (!org) throw Errors.notFound('organization');
      await this.orgs.markDeleted(manager, orgId);
      await this.outbox.addEvent(manager, {
        type: 'org.deleted', orgId, applicationId: null, data: toOrgDto(org),
        audit: auditFromContext(ctx, 'org.delete', { type: 'organization', id: orgId }, { name: org.name }), traceparent: ctx.traceparent,
      });
    });
    this.broadcasts.membershipChanged({ orgId, reason: 'org_deleted' });
    return { id: orgId, object: 'organization', deleted: true };
  }
}
