import { auditFromContext, newId, type ApplicationDto, type CreateApplicationRequest, type RequestContext } from '@agentry/contracts';
import { OutboxWriter } from '@agentry/messaging';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { applicationScopeOf } from '../../application-scope.js';
import { toApplicationDto } from '../../application.mapper.js';
import { ApplicationsRepository } from '../../applications.repository.js';
import { ApplicationEntity } from '../../entities/application.entity.js';

@Injectable()
export class CreateApplication {
  constructor(private readonly dataSource: DataSource, private readonly applications: ApplicationsRepository, private readonly outbox: OutboxWriter) {}

  async execute(ctx: RequestContext, input: CreateApplicationRequest): Promise<ApplicationDto> {
    const { orgId } = applicationScopeOf(ctx);
    const now = new Date();
    const app = Object.assign(new ApplicationEntity(), {
      id: newId('app'), orgId, name: input.name.trim(), isDefault: false, createdAt: now, updatedAt: now, deletedAt: null,
    });
    const dto = toApplicationDto(app);
    await this.dataSource.transaction(async (manager) => {
      await this.applications.insert(manager, app);
      await this.outbox.addEvent(manager, {
        type: 'application.created', orgId, applicationId: app.id, data: dto,
        audit: auditFromContext(ctx, 'application.create', { type: 'application', id: app.id }), traceparent: ctx.traceparent,
      });
    });
    return dto;
  }
}
