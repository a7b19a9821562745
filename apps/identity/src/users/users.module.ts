import { Module } from '@nestjs/common';
import { CommonModule } from '../common/common.module.js';
import { IssueSession } from '../sessions/issue-session.js';
import { SessionsController } from '../sessions/sessions.controller.js';
import { SessionsRepository } from '../sessions/sessions.repository.js';
import { AuthenticateSession } from '../sessions/use-cases/authenticate-session/authenticate-session.use-case.js';
import { ListSessions } from '../sessions/use-cases/list-sessions/list-sessions.use-case.js';
import { LogOut } from '../sessions/use-cases/log-out/log-out.use-case.js';
import { RevokeSession } from '../sessions/use-cases/revoke-session/revoke-session.use-case.js';
import { ImpersonationsController } from '../impersonations/impersonations.controller.js';
import { ImpersonationsRepository } from '../impersonations/impersonations.repository.js';
import { EndImpersonation } from '../impersonations/use-cases/end-impersonation/end-impersonation.use-case.js';
import { StartImpersonation } from '../impersonations/use-cases/start-impersonation/start-impersonation.use-case.js';
import { TwoFactorSecrets } from '../two-factor/two-factor-secrets.js';
import { TwoFactorVerifier } from '../two-factor/two-factor-verifier.js';
import { TwoFactorController } from '../two-factor/two-factor.controller.js';
import { DisableTwoFactor } from '../two-factor/use-cases/disable-two-factor/disable-two-factor.use-case.js';
import { EnableTwoFactor } from '../two-factor/use-cases/enable-two-factor/enable-two-factor.use-case.js';
import { SetUpTwoFactor } from '../two-factor/use-cases/set-up-two-factor/set-up-two-factor.use-case.js';
import { LoginThrottle } from './login-throttle.js';
import { PasswordHasher } from './password-hasher.js';
import { GetMe } from './use-cases/get-me/get-me.use-case.js';
import { LogIn } from './use-cases/log-in/log-in.use-case.js';
import { LookupUsers } from './use-cases/lookup-users/lookup-users.use-case.js';
import { SignUp } from './use-cases/sign-up/sign-up.use-case.js';
import { UsersController } from './users.controller.js';
import { UsersRepository } from './users.repository.js';

/** Dashboard users and their sessions (sessions need users to authenticate, users need sessions to log in). */
@Module({
  imports: [CommonModule],
  controllers: [UsersController, SessionsController, TwoFactorController, ImpersonationsController],
  providers: [
    UsersRepository, SessionsRepository, PasswordHasher, LoginThrottle, IssueSession,
    SignUp, LogIn, LogOut, AuthenticateSession, GetMe, LookupUsers, ListSessions, RevokeSession,
    TwoFactorSecrets, TwoFactorVerifier, SetUpTwoFactor, EnableTwoFactor, DisableTwoFactor,
    ImpersonationsRepository, StartImpersonation, EndImpersonation,
  ],
  exports: [UsersRepository],
})
export class UsersModule {}
