import { AuthenticateSessionRequest, LoginRequest, LookupUsersRequest, SignupRequest, Subjects, type RequestContext } from '@agentry/contracts';
import { Ctx, Data, Rpc } from '@agentry/messaging';
import { Controller } from '@nestjs/common';
import { AuthenticateSession } from '../sessions/use-cases/authenticate-session/authenticate-session.use-case.js';
import { LogOut } from '../sessions/use-cases/log-out/log-out.use-case.js';
import { GetMe } from './use-cases/get-me/get-me.use-case.js';
import { LogIn } from './use-cases/log-in/log-in.use-case.js';
import { LookupUsers } from './use-cases/lookup-users/lookup-users.use-case.js';
import { SignUp } from './use-cases/sign-up/sign-up.use-case.js';

/** Thin: each handler validates (via @Data) and delegates to one use case. */
@Controller()
export class UsersController {
  constructor(
    private readonly signUp: SignUp,
    private readonly logIn: LogIn,
    private readonly logOut: LogOut,
    private readonly authenticateSession: AuthenticateSession,
    private readonly getMe: GetMe,
    private readonly lookupUsers: LookupUsers,
  ) {}

  @Rpc(Subjects.identity.signup)
  signup(@Ctx() ctx: RequestContext, @Data(SignupRequest) input: SignupRequest) {
    return this.signUp.execute(ctx, input);
  }

  @Rpc(Subjects.identity.login)
  login(@Ctx() ctx: RequestContext, @Data(LoginRequest) input: LoginRequest) {
    return this.logIn.execute(ctx, input);
  }

  @Rpc(Subjects.identity.logout)
  logout(@Ctx() ctx: RequestContext) {
    return this.logOut.execute(ctx).then(() => ({ ok: true }));
  }

  @Rpc(Subjects.identity.authenticateSession)
  authenticate(@Data(AuthenticateSessionRequest) input: AuthenticateSessionRequest) {
    return this.authenticateSession.execute(input.token);
  }

  @Rpc(Subjects.identity.getMe)
  me(@Ctx() ctx: RequestContext) {
    return this.getMe.execute(ctx);
  }

  @Rpc(Subjects.identity.lookupUsers)
  lookup(@Data(LookupUsersRequest) input: LookupUsersRequest) {
    return this.lookupUsers.execute(input.userIds);
  }
}
