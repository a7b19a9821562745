import { ImpersonationIdRequest, StartImpersonationRequest, Subjects, type RequestContext } from '@agentry/contracts';
import { Ctx, Data, Rpc } from '@agentry/messaging';
import { Controller } from '@nestjs/common';
import { EndImpersonation } from './use-cases/end-impersonation/end-impersonation.use-case.js';
import { StartImpersonation } from './use-cases/start-impersonation/start-impersonation.use-case.js';

@Controller()
export class ImpersonationsController {
  constructor(private readonly start: StartImpersonation, private readonly end: EndImpersonation) {}

  @Rpc(Subjects.identity.startImpersonation)
  begin(@Ctx() ctx: RequestContext, @Data(StartImpersonationRequest) input: StartImpersonationRequest) {
    return this.start.execute(ctx, input);
  }

  @Rpc(Subjects.identity.endImpersonation)
  finish(@Ctx() ctx: RequestContext, @Data(ImpersonationIdRequest) input: ImpersonationIdRequest) {
    return this.end.execute(ctx, input);
  }
}
