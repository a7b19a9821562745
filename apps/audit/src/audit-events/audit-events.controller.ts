import { AuditSubjects, ListAuditEventsRequest, type RequestContext } from '@agentry/contracts';
import { Ctx, Data, Rpc } from '@agentry/messaging';
import { Controller } from '@nestjs/common';
import { ListAuditEvents } from './use-cases/list-audit-events/list-audit-events.use-case.js';
import { VerifyAuditChain } from './use-cases/verify-audit-chain/verify-audit-chain.use-case.js';

/** Thin: each handler validates (via @Data) and delegates to one use case. Records are written only by the consumer. */
@Controller()
export class AuditEventsController {
  constructor(private readonly listAuditEvents: ListAuditEvents, private readonly verifyAuditChain: VerifyAuditChain) {}

  @Rpc(AuditSubjects.listEvents)
  list(@Ctx() ctx: RequestContext, @Data(ListAuditEventsRequest) input: ListAuditEventsRequest) {
    return this.listAuditEvents.execute(ctx, input);
  }

  @Rpc(AuditSubjects.verifyChain)
  verify(@Ctx() ctx: RequestContext) {
    return this.verifyAuditChain.execute(ctx);
  }
}
