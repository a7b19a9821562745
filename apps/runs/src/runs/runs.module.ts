import { Module } from '@nestjs/common';
import { AgentsModule } from '../agents/agents.module.js';
import { CommonModule } from '../common/common.module.js';
import { DailyBudget } from './admission/daily-budget.js';
import { OrgQuotas } from './admission/org-quotas.js';
import { ReleaseSlots } from './admission/release-slots.js';
import { RunDispatcher } from './admission/run-dispatcher.js';
import { KillSwitchesController } from '../kill-switches/kill-switches.controller.js';
import { KillSwitchesRepository } from '../kill-switches/kill-switches.repository.js';
import { EngageKillSwitch } from '../kill-switches/use-cases/engage-kill-switch/engage-kill-switch.use-case.js';
import { GetKillSwitch } from '../kill-switches/use-cases/get-kill-switch/get-kill-switch.use-case.js';
import { ReleaseKillSwitch } from '../kill-switches/use-cases/release-kill-switch/release-kill-switch.use-case.js';
import { RunCanceller } from './cancellation/run-canceller.js';
import { RunBroadcaster } from './run-broadcaster.js';
import { RunEventsRepository } from './run-events.repository.js';
import { RunHistory } from './run-history.js';
import { RunnerController } from './runner.controller.js';
import { RunsController } from './runs.controller.js';
import { RunsRepository } from './runs.repository.js';
import { AppendRunEvent } from './use-cases/append-run-event/append-run-event.use-case.js';
import { CancelRun } from './use-cases/cancel-run/cancel-run.use-case.js';
import { CancelRuns } from './use-cases/cancel-runs/cancel-runs.use-case.js';
import { CloseOrgAdmission } from './use-cases/close-org-admission/close-org-admission.use-case.js';
import { CompleteRun } from './use-cases/complete-run/complete-run.use-case.js';
import { CreateRun } from './use-cases/create-run/create-run.use-case.js';
import { GetRun } from './use-cases/get-run/get-run.use-case.js';
import { HeartbeatRun } from './use-cases/heartbeat-run/heartbeat-run.use-case.js';
import { ListRunEvents } from './use-cases/list-run-events/list-run-events.use-case.js';
import { ListRuns } from './use-cases/list-runs/list-runs.use-case.js';
import { StartRun } from './use-cases/start-run/start-run.use-case.js';
import { TimeOutRuns } from './use-cases/time-out-runs/time-out-runs.use-case.js';
import { RunWatchdog } from './watchdog/run-watchdog.js';

@Module({
  imports: [CommonModule, AgentsModule],
  controllers: [RunsController, RunnerController, KillSwitchesController],
  providers: [
    RunsRepository, RunEventsRepository, RunHistory, RunBroadcaster, OrgQuotas, RunDispatcher, ReleaseSlots,
    DailyBudget, RunCanceller, KillSwitchesRepository, GetKillSwitch, EngageKillSwitch, ReleaseKillSwitch, CancelRuns, CloseOrgAdmission,
    CreateRun, GetRun, ListRuns, CancelRun, ListRunEvents, StartRun, HeartbeatRun, AppendRunEvent, CompleteRun, TimeOutRuns, RunWatchdog,
  ],
})
export class RunsModule {}
