import { auditFromContext, Errors, isId, type ApplicationDto, type RequestContext, type UpdateApplicationRequest } from '@agentry/contracts';
import { OutboxWriter } from '@agentry/messaging';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { applicationScopeOf } from '../../application-scope.js';
import { toApplicationDto } from '../../application.mapper.js';
import { ApplicationsRepository } from '../../applications.repository.js';

@Injectable()
export class UpdateApplication {
  constructor(private readonly dataSource: DataSource, private readonly applications: ApplicationsRepository, private readonly outbox: OutboxWriter) {}

  async execute(ctx: RequestContext, input: UpdateApplicationRequest): Promise<ApplicationDto> {
    const scope = applicationScopeOf(ctx);
    if (!isId('app', input.id)) throw Errors.notFound('application');
    return this.dataSource.transaction(async (manager) => {
      const app = await this.applications.findByIdForUpdate(manager, scope, input.id);
      if (!app) throw Errors.notFound('application');
      const before = app.name;
      if (input.name !== undefined) await this.applications.rename(manager, app, input.name.trim());
      const dto = toApplicationDto(app);
      await this.outbox.addEvent(manager, {
        type: 'application.updated', orgId: scope.orgId, applicationId: app.id, data: dto,
        audit: auditFromContext(ctx, 'application.update', { type: 'application', id: app.id }, { before: { name: before }, after: { name: app.name } }),
        traceparent: ctx.traceparent,
      });
      return dto;
    });
  }
}
