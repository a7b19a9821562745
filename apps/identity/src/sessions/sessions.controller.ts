import { IdentityIdRequest, IdentityListQuery, Subjects, type RequestContext } from '@agentry/contracts';
import { Ctx, Data, Rpc } from '@agentry/messaging';
import { Controller } from '@nestjs/common';
import { ListSessions } from './use-cases/list-sessions/list-sessions.use-case.js';
import { RevokeSession } from './use-cases/revoke-session/revoke-session.use-case.js';

/** `/me/sessions`. Log-in, log-out and session authentication stay in UsersController. */
@Controller()
export class SessionsController {
  constructor(private readonly listSessions: ListSessions, private readonly revokeSession: RevokeSession) {}

  @Rpc(Subjects.identity.listSessions)
  list(@Ctx() ctx: RequestContext, @Data(IdentityListQuery) query: IdentityListQuery) {
    return this.listSessions.execute(ctx, query);
  }

  @Rpc(Subjects.identity.revokeSession)
  revoke(@Ctx() ctx: RequestContext, @Data(IdentityIdRequest) input: IdentityIdRequest) {
    return this.revokeSession.execute(ctx, input.id);
  }
}
