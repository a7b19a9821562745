import { CancelRunRequest, CancelRunsRequest, CreateRunRequest, ListRunEventsQuery, ListRunsQuery, RunIdRequest, Subjects, type RequestContext } from '@agentry/contracts';
import { Ctx, Data, Rpc } from '@agentry/messaging';
import { Controller } from '@nestjs/common';
import { CancelRun } from './use-cases/cancel-run/cancel-run.use-case.js';
import { CancelRuns } from './use-cases/cancel-runs/cancel-runs.use-case.js';
import { CloseOrgAdmission } from './use-cases/close-org-admission/close-org-admission.use-case.js';
import { CreateRun } from './use-cases/create-run/create-run.use-case.js';
import { GetRun } from './use-cases/get-run/get-run.use-case.js';
import { ListRunEvents } from './use-cases/list-run-events/list-run-events.use-case.js';
import { ListRuns } from './use-cases/list-runs/list-runs.use-case.js';

/** The public run subjects (routed from HTTP by the gateway). Thin: validate, delegate. */
@Controller()
export class RunsController {
  constructor(
    private readonly createRun: CreateRun,
    private readonly getRun: GetRun,
    private readonly listRuns: ListRuns,
    private readonly cancelRun: CancelRun,
    private readonly listRunEvents: ListRunEvents,
    private readonly cancelMany: CancelRuns,
    private readonly closeOrg: CloseOrgAdmission,
  ) {}

  @Rpc(Subjects.runs.closeOrgAdmission)
  closeAdmission(@Ctx() ctx: RequestContext) {
    return this.closeOrg.execute(ctx);
  }

  @Rpc(Subjects.runs.createRun)
  create(@Ctx() ctx: RequestContext, @Data(CreateRunRequest) input: CreateRunRequest) {
    return this.createRun.execute(ctx, input);
  }

  @Rpc(Subjects.runs.getRun)
  get(@Ctx() ctx: RequestContext, @Data(RunIdRequest) input: RunIdRequest) {
    return this.getRun.execute(ctx, input);
  }

  @Rpc(Subjects.runs.listRuns)
  list(@Ctx() ctx: RequestContext, @Data(ListRunsQuery) query: ListRunsQuery) {
    return this.listRuns.execute(ctx, query);
  }

  @Rpc(Subjects.runs.cancelRun)
  cancel(@Ctx() ctx: RequestContext, @Data(CancelRunRequest) input: CancelRunRequest) {
    return this.cancelRun.execute(ctx, input);
  }

  @Rpc(Subjects.runs.cancelRuns)
  cancelRuns(@Ctx() ctx: RequestContext, @Data(CancelRunsRequest) input: CancelRunsRequest) {
    return this.cancelMany.execute(ctx, input);
  }

  @Rpc(Subjects.runs.listRunEvents)
  events(@Ctx() ctx: RequestContext, @Data(ListRunEventsQuery) query: ListRunEventsQuery) {
    return this.listRunEvents.execute(ctx, query);
  }
}
