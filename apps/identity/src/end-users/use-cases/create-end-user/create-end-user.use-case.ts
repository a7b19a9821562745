import { auditFromContext, newId, requireApplication, type CreateEndUserRequest, type EndUserDto, type RequestContext, canonicalEmail } from '@agentry/contracts';
import { OutboxWriter } from '@agentry/messaging';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rethrowExternalIdTaken } from '../../end-user.errors.js';
import { toEndUserDto } from '../../end-user.mapper.js';
import { EndUsersRepository } from '../../end-users.repository.js';
import { EndUserEntity } from '../../entities/end-user.entity.js';

@Injectable()
export class CreateEndUser {
  constructor(private readonly dataSource: DataSource, private readonly endUsers: EndUsersRepository, private readonly outbox: OutboxWriter) {}

  async execute(ctx: RequestContext, input: CreateEndUserRequest): Promise<EndUserDto> {
    const { orgId, applicationId } = requireApplication(ctx);
    const now = new Date();
    const endUser = Object.assign(new EndUserEntity(), {
      id: newId('eu'), orgId, applicationId, externalId: input.externalId ?? null,
      email: input.email !== undefined && input.email !== null ? canonicalEmail(input.email) : null,
      name: input.name ?? null, metadata: { ...(input.metadata ?? {}) }, createdAt: now, updatedAt: now, deletedAt: null,
    });
    const dto = toEndUserDto(endUser);
    await this.dataSource
      .transaction(async (manager) => {
        await this.endUsers.insert(manager, endUser);
        await this.outbox.addEvent(manager, {
          type: 'end_user.created', orgId, applicationId, data: dto,
          audit: auditFromContext(ctx, 'end_user.create', { type: 'end_user', id: endUser.id }), traceparent: ctx.traceparent,
        });
      })
      .catch(rethrowExternalIdTaken);
    return dto;
  }
}
