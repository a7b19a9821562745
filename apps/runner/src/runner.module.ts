import { Module } from '@nestjs/common';
import { ActiveRuns } from './execution/active-runs.js';
import { CancellationListener } from './execution/cancellation-listener.js';
import { ConnectionsClient } from './execution/connections-client.js';
import { ExecuteRun } from './execution/execute-run.js';
import { RunsClient } from './execution/runs-client.js';
import { EchoExecutor } from './executors/builtin/echo.executor.js';
import { FailExecutor } from './executors/builtin/fail.executor.js';
import { SleepExecutor } from './executors/builtin/sleep.executor.js';
import { CommandExecutor } from './executors/command/command.executor.js';
import { ExecutorRegistry } from './executors/executor-registry.js';
import { HttpExecutor } from './executors/http/http.executor.js';
import { JobConsumer } from './jobs/job-consumer.js';

@Module({
  providers: [
    EchoExecutor, SleepExecutor, FailExecutor, HttpExecutor, CommandExecutor, ExecutorRegistry,
    RunsClient, ConnectionsClient, ActiveRuns, ExecuteRun, CancellationListener, JobConsumer,
  ],
})
export class RunnerModule {}
