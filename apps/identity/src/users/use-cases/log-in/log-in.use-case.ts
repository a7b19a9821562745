import { appError, type LoginRequest, type RequestContext, type SessionIssuedReply } from '@agentry/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IssueSession } from '../../../sessions/issue-session.js';
import { PasswordHasher } from '../../password-hasher.js';
import { UsersRepository } from '../../users.repository.js';

// Verified against when the email is unknown, so both paths cost one argon2 verify (no user enumeration by timing).
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Zw2uYSmfDC9oDB3yGzDDhBn+rOhuVyAmvY7tPFHt4Ic';

@Injectable()
export class LogIn {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly issueSession: IssueSession,
  ) {}

  async execute(ctx: RequestContext, input: LoginRequest): Promise<SessionIssuedReply> {
    const email = input.email.trim().normalize('NFC').toLowerCase();
    const user = await this.users.findByEmail(email);
    const ok = await this.hasher.verify(user?.passwordHash ?? DUMMY_HASH, input.password);
    if (!user || !ok) throw appError(401, 'invalid_credentials', 'The email or password is wrong.');
    if (user.twoFactorEnabled && !input.totpCode) throw appError(401, 'totp_required', 'Enter the code from your authenticator app.');
    return this.dataSource.transaction((manager) => this.issueSession.execute(manager, user, ctx));
  }
}
