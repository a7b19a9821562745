import { auditFromContext, isId, type DeletedEndUserReply, type RequestContext } from '@agentry/contracts';
import { OutboxWriter } from '@agentry/messaging';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IdentityBroadcasts } from '../../../common/identity-broadcasts.js';
import { ConnectionsRepository } from '../../../connections/connections.repository.js';
import { endUserScope } from '../../end-user-scope.js';
import { endUserNotFound } from '../../end-user.errors.js';
import { toEndUserDto } from '../../end-user.mapper.js';
import { EndUsersRepository } from '../../end-users.repository.js';

/**
 * Soft delete: the end-user disappears from every read (later gets are 404) and frees its
 * externalId; its connections (credentials) are erased in the same transaction.
 */
@Injectable()
export class DeleteEndUser {
  constructor(
    private readonly dataSource: DataSource,
    private readonly endUsers: EndUsersRepository,
    private readonly connections: ConnectionsRepository,
    private readonly outbox: OutboxWriter,
    private readonly broadcasts: IdentityBroadcasts,
  ) {}

  async execute(ctx: RequestContext, id: string): Promise<DeletedEndUserReply> {
    const scope = endUserScope(ctx);
    if (!isId('eu', id)) throw endUserNotFound();
    await this.dataSource.transaction(async (manager) => {
      const endUser = await this.endUsers.findForUpdate(manager, scope, id);
      if (!endUser) throw endUserNotFound();
      endUser.deletedAt = new Date();
      await this.endUsers.update(manager, scope, endUser);
      await this.connections.deleteForEndUser(manager, scope, endUser.id);
      await this.outbox.addEvent(manager, {
        type: 'end_user.deleted', orgId: scope.orgId, applicationId: scope.applicationId, data: toEndUserDto(endUser),
        audit: auditFromContext(ctx, 'end_user.delete', { type: 'end_user', id: endUser.id }), traceparent: ctx.traceparent,
      });
    });
    this.broadcasts.endUserDeleted({ applicationId: scope.applicationId, endUserId: id });
    return { id, object: 'end_user', deleted: true };
  }
}
