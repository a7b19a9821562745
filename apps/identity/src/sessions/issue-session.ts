import { newId, type RequestContext, type SessionIssuedReply } from '@agentry/contracts';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { randomToken, sha256Hex } from '../common/crypto.js';
import type { UserEntity } from '../users/entities/user.entity.js';
import { toUserDto } from '../users/user.mapper.js';
import { SessionEntity } from './entities/session.entity.js';
import { SessionsRepository } from './sessions.repository.js';

const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;

/** Creates a session for a user: the token is returned once and stored only as its SHA-256. */
@Injectable()
export class IssueSession {
  constructor(private readonly sessions: SessionsRepository) {}

  /** `support`: a platform admin's impersonation session, which ends at its own deadline. */
  async execute(
    manager: EntityManager, user: UserEntity, ctx: RequestContext,
    support?: { impersonationId: string; impersonatorUserId: string; expiresAt: Date },
  ): Promise<SessionIssuedReply> {
    const token = randomToken(32);
    const now = new Date();
    const session = Object.assign(new SessionEntity(), {
      id: newId('ses'), userId: user.id, tokenHash: sha256Hex(token), ip: ctx.ip ?? null, userAgent: ctx.userAgent ?? null,
      createdAt: now, lastSeenAt: now, expiresAt: support?.expiresAt ?? new Date(now.getTime() + SESSION_TTL_MS), revokedAt: null,
      impersonationId: support?.impersonationId ?? null, impersonatorUserId: support?.impersonatorUserId ?? null,
    });
    await this.sessions.insert(manager, session);
    return {
      user: toUserDto(user), sessionId: session.id, sessionToken: token, csrfToken: randomToken(24),
      expiresAt: session.expiresAt.toISOString(),
    };
  }
}
