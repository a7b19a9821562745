import type { IdentityListQuery, ListReply, RequestContext, SessionDto } from '@agentry/contracts';
import { cursorScope } from '@agentry/persistence';
import { Injectable } from '@nestjs/common';
import { ListCursors } from '../../../common/list-cursors.js';
import { requireSessionUser } from '../../../common/principal.js';
import { toSessionDto } from '../../session.mapper.js';
import { SessionsRepository } from '../../sessions.repository.js';

/** `GET /me/sessions`: the caller's active sessions, the current one marked. */
@Injectable()
export class ListSessions {
  constructor(private readonly sessions: SessionsRepository, private readonly cursors: ListCursors) {}

  async execute(ctx: RequestContext, query: IdentityListQuery): Promise<ListReply<SessionDto>> {
    const userId = requireSessionUser(ctx);
    const listScope = cursorScope('sessions', { userId });
    const page = this.cursors.request(listScope, query);
    const rows = await this.sessions.listActive(userId, page);
    return this.cursors.reply(listScope, page, rows, (s) => toSessionDto(s, ctx.principal.sessionId));
  }
}
