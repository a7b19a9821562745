import { appError, type AuthenticatedSessionReply } from '@agentry/contracts';
import { Injectable } from '@nestjs/common';
import { sha256Hex } from '../../../common/crypto.js';
import { UsersRepository } from '../../../users/users.repository.js';
import { toUserDto } from '../../../users/user.mapper.js';
import { SessionsRepository } from '../../sessions.repository.js';

@Injectable()
export class AuthenticateSession {
  constructor(private readonly sessions: SessionsRepository, private readonly users: UsersRepository) {}

  async execute(token: string): Promise<AuthenticatedSessionReply> {
    const session = await this.sessions.findActiveByTokenHash(sha256Hex(token));
    if (!session || session.expiresAt.getTime() <= Date.now()) throw unauthenticated();
    const user = await this.users.findById(session.userId);
    if (!user) throw unauthenticated();
    const impersonator = session.impersonationId && session.impersonatorUserId
      ? { impersonator: { userId: session.impersonatorUserId, impersonationId: session.impersonationId } } : {};
    return { sessionId: session.id, user: toUserDto(user), ...impersonator };
  }
}

function unauthenticated() {
  return appError(401, 'unauthenticated', 'Log in to continue.');
}
