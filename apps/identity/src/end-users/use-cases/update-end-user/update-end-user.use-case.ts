import { auditFromContext, isId, type EndUserDto, type RequestContext, type UpdateEndUserRequest, canonicalEmail } from '@agentry/contracts';
import { OutboxWriter } from '@agentry/messaging';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { endUserScope } from '../../end-user-scope.js';
import { endUserNotFound, rethrowExternalIdTaken } from '../../end-user.errors.js';
import { toEndUserDto } from '../../end-user.mapper.js';
import { EndUsersRepository } from '../../end-users.repository.js';
import type { EndUserEntity } from '../../entities/end-user.entity.js';
import { mergeMetadata } from '../../metadata-merge.js';

/** PATCH: absent fields are kept, null clears a field, metadata is merged under a row lock. */
@Injectable()
export class UpdateEndUser {
  constructor(private readonly dataSource: DataSource, private readonly endUsers: EndUsersRepository, private readonly outbox: OutboxWriter) {}

  async execute(ctx: RequestContext, input: UpdateEndUserRequest): Promise<EndUserDto> {
    const scope = endUserScope(ctx);
    if (!isId('eu', input.id)) throw endUserNotFound();
    const email = input.email === undefined || input.email === null ? input.email : canonicalEmail(input.email);
    const updated = await this.dataSource
      .transaction(async (manager): Promise<EndUserEntity> => {
        const endUser = await this.endUsers.findForUpdate(manager, scope, input.id);
        if (!endUser) throw endUserNotFound();
        if (input.externalId !== undefined) endUser.externalId = input.externalId;
        if (email !== undefined) endUser.email = email;
        if (input.name !== undefined) endUser.name = input.name;
        if (input.metadata !== undefined) endUser.metadata = mergeMetadata(endUser.metadata, input.metadata);
        endUser.updatedAt = new Date();
        await this.endUsers.update(manager, scope, endUser);
        await this.outbox.addEvent(manager, {
          type: 'end_user.updated', orgId: scope.orgId, applicationId: scope.applicationId, data: toEndUserDto(endUser),
          audit: auditFromContext(ctx, 'end_user.update', { type: 'end_user', id: endUser.id }), traceparent: ctx.traceparent,
        });
        return endUser;
      })
      .catch(rethrowExternalIdTaken);
    return toEndUserDto(updated);
  }
}
