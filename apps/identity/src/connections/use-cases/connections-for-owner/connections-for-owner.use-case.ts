import { appError, Errors, type ConnectionsForOwnerReply, type ConnectionsForOwnerRequest, type RequestContext } from '@agentry/contracts';
import { Injectable } from '@nestjs/common';
import type { ConnectionOwner } from '../../connection-owner.js';
import { toOwnerConnectionSummary } from '../../connection.mapper.js';
import { ConnectionsRepository } from '../../connections.repository.js';

/**
 * Runner → identity: the connections a run may use. An end-user's run sees only the end-user's
 * connections, never the key creator's. Metadata only; credentials never travel on this subject.
 */
@Injectable()
export class ConnectionsForOwner {
  constructor(private readonly connections: ConnectionsRepository) {}

  async execute(ctx: RequestContext, input: ConnectionsForOwnerRequest): Promise<ConnectionsForOwnerReply> {
    if (ctx.principal.type !== 'system') throw appError(403, 'system_only', 'Only the platform itself may ask for an owner\'s connections.');
    const owner: ConnectionOwner | null = input.endUserId
      ? { kind: 'end_user', endUserId: input.endUserId }
      : input.userId
        ? { kind: 'user', userId: input.userId }
        : null;
    if (!owner) throw Errors.validation([{ field: 'endUserId', code: 'owner_required', message: 'endUserId or userId is required' }]);
    const rows = await this.connections.list({ orgId: input.orgId, applicationId: input.applicationId }, owner);
    return { data: rows.map(toOwnerConnectionSummary) };
  }
}
