import { jsonBytes, MAX_RUN_OUTPUT_BYTES } from '@agentry/contracts';
import { Injectable, Logger } from '@nestjs/common';
import { RunnerConfig } from '../config/runner.config.js';
import { ExecutorRegistry } from '../executors/executor-registry.js';
import { ExecutionFailure, type ExecutionContext } from '../executors/executor.js';
import { ActiveRuns } from './active-runs.js';
import { ConnectionsClient } from './connections-client.js';
import { startHeartbeat } from './heartbeat.js';
import { abortKindOf, RunAborted } from './run-abort.js';
import { RunsClient, type Completion, type StartedRun } from './runs-client.js';

/**
 * Executes one started run: loads its owner's connections, runs the executor under an
 * AbortController (cancel broadcast, heartbeat reply, deadline, shutdown), heartbeats meanwhile,
 * and reports the outcome. A cancelled run reports nothing: the runs service already recorded it.
 */
@Injectable()
export class ExecuteRun {
  private readonly logger = new Logger('ExecuteRun');

  constructor(
    private readonly config: RunnerConfig,
    private readonly runs: RunsClient,
    private readonly connections: ConnectionsClient,
    private readonly executors: ExecutorRegistry,
    private readonly active: ActiveRuns,
  ) {}

  /** Registers the run synchronously (so a cancel broadcast finds it), then resolves when it is over. */
  execute(run: StartedRun): Promise<void> {
    const controller = new AbortController();
    let finish!: () => void;
    this.active.add(run.run.id, controller, new Promise<void>((resolve) => (finish = resolve)));
    return this.perform(run, controller).finally(finish);
  }

  private async perform(run: StartedRun, controller: AbortController): Promise<void> {
    const runId = run.run.id;
    const deadline = Date.now() + run.timeoutSeconds * 1000;
    const timer = setTimeout(() => controller.abort(new RunAborted('timed_out')), run.timeoutSeconds * 1000);
    const stopHeartbeat = startHeartbeat(this.runs, runId, this.config.RUNNER_HEARTBEAT_MS, () => this.active.abort(runId, 'cancelled'));
    let completion: Completion | null;
    try {
      const context: ExecutionContext = {
        runId, agentId: run.agentId, input: run.run.input, endUserId: run.endUserId, connections: [], signal: controller.signal,
        remainingMs: () => Math.max(0, deadline - Date.now()),
        emit: (type, data = {}) => this.runs.append(runId, type, data),
      };
      context.connections = await this.connections.forRun(run);
      controller.signal.throwIfAborted();
      const result = await this.executors.execute(run.executor, context);
      controller.signal.throwIfAborted();
      completion = jsonBytes(result.output) > MAX_RUN_OUTPUT_BYTES
        ? { runId, status: 'failed', usage: result.usage, error: { code: 'output_too_large', message: `The output is larger than ${MAX_RUN_OUTPUT_BYTES} bytes as JSON.` } }
        : { runId, status: 'succeeded', output: result.output, usage: result.usage };
    } catch (error) {
      completion = this.failure(runId, controller.signal, error);
    } finally {
      clearTimeout(timer);
      stopHeartbeat();
    }
    if (completion) await this.runs.complete(completion);
  }

  private failure(runId: string, signal: AbortSignal, error: unknown): Completion | null {
    if (signal.aborted) {
      const kind = abortKindOf(signal);
      if (kind === 'cancelled') return null;
      if (kind === 'timed_out') return { runId, status: 'timed_out' };
      return { runId, status: 'failed', error: { code: 'runner_shutdown', message: 'The runner shut down before the run finished.' } };
    }
    if (error instanceof ExecutionFailure) return { runId, status: 'failed', error: { code: error.code, message: error.message } };
    this.logger.error(error instanceof Error ? error : String(error), { runId });
    return { runId, status: 'failed', error: { code: 'executor_error', message: 'The executor failed unexpectedly.' } };
  }
}
