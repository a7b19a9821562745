import type { RequestContext } from '@agentry/contracts';
import { Injectable } from '@nestjs/common';
import { SessionsRepository } from '../../sessions.repository.js';

@Injectable()
export class LogOut {
  constructor(private readonly sessions: SessionsRepository) {}

  async execute(ctx: RequestContext): Promise<void> {
    const { sessionId, userId } = ctx.principal;
    if (sessionId && userId) await this.sessions.revoke(userId, sessionId);
  }
}
