import { AppendRunEventRequest, CompleteRunRequest, HeartbeatRunRequest, StartRunRequest, Subjects, type RequestContext } from '@agentry/contracts';
import { Ctx, Data, Rpc } from '@agentry/messaging';
import { Controller } from '@nestjs/common';
import { RunErrors } from './run-errors.js';
import { AppendRunEvent } from './use-cases/append-run-event/append-run-event.use-case.js';
import { CompleteRun } from './use-cases/complete-run/complete-run.use-case.js';
import { HeartbeatRun } from './use-cases/heartbeat-run/heartbeat-run.use-case.js';
import { StartRun } from './use-cases/start-run/start-run.use-case.js';

/** Runner → runs subjects. Only the platform (a system context) may call them; the gateway never routes here. */
@Controller()
export class RunnerController {
  constructor(
    private readonly startRun: StartRun,
    private readonly heartbeatRun: HeartbeatRun,
    private readonly appendRunEvent: AppendRunEvent,
    private readonly completeRun: CompleteRun,
  ) {}

  @Rpc(Subjects.runs.startRun)
  start(@Ctx() ctx: RequestContext, @Data(StartRunRequest) input: StartRunRequest) {
    assertRunner(ctx);
    return this.startRun.execute(input);
  }

  @Rpc(Subjects.runs.heartbeatRun)
  heartbeat(@Ctx() ctx: RequestContext, @Data(HeartbeatRunRequest) input: HeartbeatRunRequest) {
    assertRunner(ctx);
    return this.heartbeatRun.execute(input);
  }

  @Rpc(Subjects.runs.appendRunEvent)
  append(@Ctx() ctx: RequestContext, @Data(AppendRunEventRequest) input: AppendRunEventRequest) {
    assertRunner(ctx);
    return this.appendRunEvent.execute(input);
  }

  @Rpc(Subjects.runs.completeRun)
  complete(@Ctx() ctx: RequestContext, @Data(CompleteRunRequest) input: CompleteRunRequest) {
    assertRunner(ctx);
    return this.completeRun.execute(input);
  }
}

function assertRunner(ctx: RequestContext): void {
  if (ctx.principal.type !== 'system') throw RunErrors.runnerOnly();
}
