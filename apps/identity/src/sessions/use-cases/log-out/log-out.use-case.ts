import type { RequestContext } from '@agentry/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IdentityBroadcasts } from '../../../common/identity-broadcasts.js';
import { ImpersonationsRepository } from '../../../impersonations/impersonations.repository.js';
import { SessionsRepository } from '../../sessions.repository.js';

@Injectable()
export class LogOut {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: SessionsRepository,
    private readonly impersonations: ImpersonationsRepository,
    private readonly broadcasts: IdentityBroadcasts,
  ) {}

  /** Ends the session; a support session's logout also ends its impersonation. */
  async execute(ctx: RequestContext): Promise<void> {
    const { sessionId, userId } = ctx.principal;
    if (!sessionId || !userId) return;
    await this.dataSource.transaction(async (manager) => {
      await this.sessions.revokeIn(manager, userId, sessionId);
      if (ctx.impersonator) await this.impersonations.endIfOpen(manager, ctx.impersonator.impersonationId, new Date());
    });
    // Every gateway replica drops it, not only the one that served the logout.
    this.broadcasts.sessionRevoked({ sessionId });
  }
}
