import type { RequestContext } from '@agentry/contracts';
import { Injectable } from '@nestjs/common';
import { IdentityBroadcasts } from '../../../common/identity-broadcasts.js';
import { SessionsRepository } from '../../sessions.repository.js';

@Injectable()
export class LogOut {
  constructor(private readonly sessions: SessionsRepository, private readonly broadcasts: IdentityBroadcasts) {}

  async execute(ctx: RequestContext): Promise<void> {
    const { sessionId, userId } = ctx.principal;
    if (!sessionId || !userId) return;
    await this.sessions.revoke(userId, sessionId);
    // Every gateway replica drops it, not only the one that served the logout.
    this.broadcasts.sessionRevoked({ sessionId });
  }
}
