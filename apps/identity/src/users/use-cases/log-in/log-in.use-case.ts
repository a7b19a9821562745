import { appError, type LoginRequest, type RequestContext, type SessionIssuedReply } from '@agentry/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IssueSession } from '../../../sessions/issue-session.js';
import { TwoFactorVerifier } from '../../../two-factor/two-factor-verifier.js';
import { LoginThrottle } from '../../login-throttle.js';
import { PasswordHasher } from '../../password-hasher.js';
import { UsersRepository } from '../../users.repository.js';

@Injectable()
export class LogIn {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly issueSession: IssueSession,
    private readonly throttle: LoginThrottle,
    private readonly twoFactor: TwoFactorVerifier,
  ) {}

  async execute(ctx: RequestContext, input: LoginRequest): Promise<SessionIssuedReply> {
    const email = input.email.trim().normalize('NFC').toLowerCase();
    await this.throttle.countAttempt(email, ctx.ip);
    const user = await this.users.findByEmail(email);
    const ok = await this.hasher.verifyOrBurn(user?.passwordHash, input.password);
    if (!user || !ok) throw appError(401, 'invalid_credentials', 'The email or password is wrong.');
    if (user.twoFactorEnabled) {
      if (!input.totpCode) throw appError(401, 'totp_required', 'Enter the code from your authenticator app.');
      await this.twoFactor.verify(user, input.totpCode);
    }
    const issued = await this.dataSource.transaction((manager) => this.issueSession.execute(manager, user, ctx));
    await this.throttle.clear(email, ctx.ip);
    return issued;
  }
}
