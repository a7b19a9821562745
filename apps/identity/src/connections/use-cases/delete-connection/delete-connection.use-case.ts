import { auditFromContext, Errors, isId, requireApplication, type DeletedConnectionReply, type RequestContext } from '@agentry/contracts';
import { OutboxWriter } from '@agentry/messaging';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ownerFromContext } from '../../connection-owner.js';
import { toConnectionDto } from '../../connection.mapper.js';
import { ConnectionsRepository } from '../../connections.repository.js';

/** Erases one of the caller's connections; another owner's is 404. */
@Injectable()
export class DeleteConnection {
  constructor(private readonly dataSource: DataSource, private readonly connections: ConnectionsRepository, private readonly outbox: OutboxWriter) {}

  async execute(ctx: RequestContext, id: string): Promise<DeletedConnectionReply> {
    const scope = requireApplication(ctx);
    const owner = ownerFromContext(ctx);
    if (!isId('con', id)) throw Errors.notFound('connection');
    await this.dataSource.transaction(async (manager) => {
      const deleted = await this.connections.delete(manager, scope, owner, id);
      if (!deleted) throw Errors.notFound('connection');
      await this.outbox.addEvent(manager, {
        type: 'connection.deleted', orgId: scope.orgId, applicationId: scope.applicationId, data: toConnectionDto(deleted),
        audit: auditFromContext(ctx, 'connection.delete', { type: 'connection', id }), traceparent: ctx.traceparent,
      });
    });
    return { id, object: 'connection', deleted: true };
  }
}
