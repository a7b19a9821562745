import { appError, auditFromContext, Errors, isId, type ImpersonationDto, type ImpersonationIdRequest, type RequestContext } from '@agentry/contracts';
import { OutboxWriter } from '@agentry/messaging';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IdentityBroadcasts } from '../../../common/identity-broadcasts.js';
import { SessionsRepository } from '../../../sessions/sessions.repository.js';
import { toImpersonationDto } from '../../impersonation.mapper.js';
import { ImpersonationsRepository } from '../../impersonations.repository.js';

/** Ends a support session at once: by a platform admin, or from within the impersonation session itself. */
@Injectable()
export class EndImpersonation {
  constructor(
    private readonly dataSource: DataSource,
    private readonly impersonations: ImpersonationsRepository,
    private readonly sessions: SessionsRepository,
    private readonly outbox: OutboxWriter,
    private readonly broadcasts: IdentityBroadcasts,
  ) {}

  async execute(ctx: RequestContext, input: ImpersonationIdRequest): Promise<ImpersonationDto> {
    const fromItself = ctx.impersonator?.impersonationId === input.id;
    if (!ctx.platformAdmin && !fromItself) throw Errors.insufficientScope('platform:impersonate');
    if (!isId('imp', input.id)) throw Errors.notFound('impersonation');
    const ended = await this.dataSource.transaction(async (manager) => {
      const impersonation = await this.impersonations.findForUpdate(manager, input.id);
      if (!impersonation) throw Errors.notFound('impersonation');
      if (impersonation.endedAt) throw appError(409, 'impersonation_ended', 'This impersonation has already ended.');
      impersonation.endedAt = new Date();
      await this.impersonations.markEnded(manager, impersonation.id, impersonation.endedAt);
      await this.sessions.revokeIn(manager, impersonation.targetUserId, impersonation.sessionId);
      await this.outbox.addEvent(manager, {
        type: 'impersonation.ended', orgId: 'platform', applicationId: null, data: toImpersonationDto(impersonation),
        audit: auditFromContext(ctx, 'impersonation.end', { type: 'user', id: impersonation.targetUserId }), traceparent: ctx.traceparent,
      });
      return impersonation;
    });
    this.broadcasts.sessionRevoked({ sessionId: ended.sessionId });
    return toImpersonationDto(ended);
  }
}
