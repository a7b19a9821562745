import { appError, auditFromContext, newId, type RequestContext, type SessionIssuedReply, type SignupRequest, canonicalEmail } from '@agentry/contracts';
import { OutboxWriter } from '@agentry/messaging';
import { isUniqueViolation } from '@agentry/persistence';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IssueSession } from '../../../sessions/issue-session.js';
import { UserEntity } from '../../entities/user.entity.js';
import { PasswordHasher } from '../../password-hasher.js';
import { UsersRepository } from '../../users.repository.js';

@Injectable()
export class SignUp {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly issueSession: IssueSession,
    private readonly outbox: OutboxWriter,
  ) {}

  async execute(ctx: RequestContext, input: SignupRequest): Promise<SessionIssuedReply> {
    const email = canonicalEmail(input.email);
    const now = new Date();
    const user = Object.assign(new UserEntity(), {
      id: newId('usr'), email, name: input.name.trim(), passwordHash: await this.hasher.hash(input.password),
      totpSecret: null, twoFactorEnabled: false, createdAt: now, updatedAt: now,
    });
    try {
      return await this.dataSource.transaction(async (manager) => {
        await this.users.insert(manager, user);
        const issued = await this.issueSession.execute(manager, user, ctx);
        const actorCtx = { ...ctx, principal: { type: 'user' as const, id: user.id, userId: user.id } };
        await this.outbox.addEvent(manager, {
          type: 'user.signed_up', orgId: 'platform', applicationId: null, data: { userId: user.id },
          audit: auditFromContext(actorCtx, 'user.signup', { type: 'user', id: user.id }), traceparent: ctx.traceparent,
        });
        return issued;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'users_email_unique')) throw appError(409, 'email_taken', 'An account with this email already exists.');
      throw error;
    }
  }
}
