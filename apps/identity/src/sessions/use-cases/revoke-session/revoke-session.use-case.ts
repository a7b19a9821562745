import { auditFromContext, Errors, isId, type RequestContext, type RevokedSessionReply } from '@agentry/contracts';
import { OutboxWriter } from '@agentry/messaging';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IdentityBroadcasts } from '../../../common/identity-broadcasts.js';
import { requireOwnSession } from '../../../common/principal.js';
import { SessionsRepository } from '../../sessions.repository.js';

/** `DELETE /me/sessions/{id}`: ends one of the caller's active sessions (the current one too); anything else is 404. */
@Injectable()
export class RevokeSession {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: SessionsRepository,
    private readonly outbox: OutboxWriter,
    private readonly broadcasts: IdentityBroadcasts,
  ) {}

  async execute(ctx: RequestContext, id: string): Promise<RevokedSessionReply> {
    const userId = requireOwnSession(ctx);
    if (!isId('ses', id)) throw Errors.notFound('session');
    await this.dataSource.transaction(async (manager) => {
      if (!(await this.sessions.revokeIn(manager, userId, id))) throw Errors.notFound('session');
      await this.outbox.addEvent(manager, {
        type: 'session.revoked', orgId: 'platform', applicationId: null, data: { sessionId: id, userId },
        audit: auditFromContext(ctx, 'session.revoke', { type: 'session', id }), traceparent: ctx.traceparent,
      });
    });
    this.broadcasts.sessionRevoked({ sessionId: id });
    return { id, object: 'session', revoked: true };
  }
}
