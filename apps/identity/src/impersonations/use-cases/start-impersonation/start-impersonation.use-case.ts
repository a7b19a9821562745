import {
  appError, auditFromContext, Errors, isId, newId, type ImpersonationDto, type RequestContext, type SessionIssuedReply, type StartImpersonationRequest,
} from '@agentry/contracts';
import { OutboxWriter } from '@agentry/messaging';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { requireSessionUser } from '../../../common/principal.js';
import { IssueSession } from '../../../sessions/issue-session.js';
import { UsersRepository } from '../../../users/users.repository.js';
import { ImpersonationEntity } from '../../entities/impersonation.entity.js';
import { toImpersonationDto } from '../../impersonation.mapper.js';
import { ImpersonationsRepository } from '../../impersonations.repository.js';

/**
 * A support session: a platform admin acts as a dashboard user for at most 30 minutes, with a
 * reason. The session names its impersonator, so every request it makes is audited with them; it
 * ends at its deadline (not extendable) or when ended. No nesting: an impersonation session cannot start another.
 */
@Injectable()
export class StartImpersonation {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly impersonations: ImpersonationsRepository,
    private readonly issueSession: IssueSession,
    private readonly outbox: OutboxWriter,
  ) {}

  async execute(ctx: RequestContext, input: StartImpersonationRequest): Promise<{ impersonation: ImpersonationDto; session: SessionIssuedReply }> {
    const adminId = requireSessionUser(ctx);
    if (!ctx.platformAdmin) throw Errors.insufficientScope('platform:impersonate');
    if (ctx.impersonator) throw appError(403, 'impersonation_forbidden', 'An impersonation session cannot start another.');
    if (input.userId === adminId) throw appError(400, 'cannot_impersonate_self', 'You are already yourself.');
    const target = isId('usr', input.userId) ? await this.users.findById(input.userId) : null;
    if (!target) throw Errors.notFound('user');
    const now = new Date();
    const impersonation = Object.assign(new ImpersonationEntity(), {
      id: newId('imp'), adminUserId: adminId, targetUserId: target.id, reason: input.reason, sessionId: '',
      createdAt: now, expiresAt: new Date(now.getTime() + input.minutes * 60_000), endedAt: null,
    });
    const session = await this.dataSource.transaction(async (manager) => {
      const issued = await this.issueSession.execute(manager, target, ctx, {
        impersonationId: impersonation.id, impersonatorUserId: adminId, expiresAt: impersonation.expiresAt,
      });
      impersonation.sessionId = issued.sessionId;
      await this.impersonations.insert(manager, impersonation);
      await this.outbox.addEvent(manager, {
        type: 'impersonation.started', orgId: 'platform', applicationId: null, data: toImpersonationDto(impersonation),
        audit: auditFromContext({ ...ctx, impersonator: { userId: adminId, impersonationId: impersonation.id } }, 'impersonation.start',
          { type: 'user', id: target.id }, { reason: input.reason, minutes: input.minutes }),
        traceparent: ctx.traceparent,
      });
      return issued;
    });
    return { impersonation: toImpersonationDto(impersonation), session };
  }
}
