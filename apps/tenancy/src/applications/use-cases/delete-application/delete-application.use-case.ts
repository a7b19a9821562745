import { appError, auditFromContext, Errors, isId, type ApplicationDeletedReply, type RequestContext } from '@agentry/contracts';
import { OutboxWriter } from '@agentry/messaging';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TenancyBroadcasts } from '../../../common/tenancy-broadcasts.js';
import { applicationScopeOf } from '../../application-scope.js';
import { toApplicationDto } from '../../application.mapper.js';
import { ApplicationsRepository } from '../../applications.repository.js';

/** Soft delete: the id stays reserved and resolves to 404 from now on. The default application cannot go. */
@Injectable()
export class DeleteApplication {
  constructor(
    private readonly dataSource: DataSource,
    private readonly applications: ApplicationsRepository,
    private readonly outbox: OutboxWriter,
    private readonly broadcasts: TenancyBroadcasts,
  ) {}

  async execute(ctx: RequestContext, id: string): Promise<ApplicationDeletedReply> {
    const scope = applicationScopeOf(ctx);
    if (!isId('app', id)) throw Errors.notFound('application');
    await this.dataSource.transaction(async (manager) => {
      const app = await this.applications.findByIdForUpdate(manager, scope, id);
      if (!app) throw Errors.notFound('application');
      if (app.isDefault) throw appError(409, 'default_application', "The organization's default application cannot be deleted.");
      await this.applications.softDelete(manager, app);
      await this.outbox.addEvent(manager, {
        type: 'application.deleted', orgId: scope.orgId, applicationId: app.id, data: toApplicationDto(app),
        audit: auditFromContext(ctx, 'application.delete', { type: 'application', id: app.id }), traceparent: ctx.traceparent,
      });
    });
    this.broadcasts.membershipChanged({ orgId: scope.orgId, reason: 'application_deleted' });
    return { id, object: 'application', deleted: true };
  }
}
