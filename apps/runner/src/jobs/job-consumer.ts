import { RUN_JOB_SUBJECT, Streams, type RunJob } from '@agentry/contracts';
import { DurableConsumer, Namespace, NATS_CONNECTION } from '@agentry/messaging';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { RunnerConfig } from '../config/runner.config.js';
import { ActiveRuns } from '../execution/active-runs.js';
import { ExecuteRun } from '../execution/execute-run.js';
import { RunsClient } from '../execution/runs-client.js';
import { ConcurrencyLimiter } from './concurrency-limiter.js';

export const RUNNER_DURABLE = 'runner';
const WORKING_EVERY_MS = 10_000;
/** An org at its share on this runner: its job goes back to JetStream for this long (another runner may take it). */
const DEFER_MS = 1000;

/**
 * Pulls run jobs from the RUN_JOBS work queue (one durable shared by every runner, so each job
 * goes to one runner). A job is acked once its run is claimed (startRun) and executes in the
 * background; while RUNNER_CONCURRENCY runs are in flight the next job waits for a slot. An org
 * already running its share (RUNNER_MAX_RUNS_PER_ORG) here gets its job deferred, and the last
 * RUNNER_RESERVED_SLOTS free slots go only to orgs not running here yet, so other orgs get in. A job that cannot be claimed (runs service away) is redelivered.
 */
@Injectable()
export class JobConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('JobConsumer');
  private readonly limiter: ConcurrencyLimiter;
  private readonly perOrgLimit: number;
  private readonly perOrg = new Map<string, number>();
  private consumer: DurableConsumer | undefined;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    private readonly namespace: Namespace,
    private readonly config: RunnerConfig,
    private readonly runs: RunsClient,
    private readonly executeRun: ExecuteRun,
    private readonly active: ActiveRuns,
  ) {
    this.limiter = new ConcurrencyLimiter(config.RUNNER_CONCURRENCY);
    this.perOrgLimit = config.RUNNER_MAX_RUNS_PER_ORG || Math.max(1, config.RUNNER_CONCURRENCY - 2);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.consumer = new DurableConsumer(this.nc, {
      stream: this.namespace.stream(Streams.runJobs.name),
      durable: RUNNER_DURABLE,
      filterSubjects: [this.namespace.subject(RUN_JOB_SUBJECT)],
      retryDelayMs: 1000,
    });
    await this.consumer.start((msg) => this.onJob(msg));
  }

  /** Stop pulling, let running runs finish for the grace period, then abort the rest. */
  async onModuleDestroy(): Promise<void> {
    this.limiter.close();
    await this.consumer?.stop();
    await this.active.settled(this.config.RUNNER_SHUTDOWN_GRACE_MS);
    this.active.abortAll('shutdown');
    await this.active.settled(5000);
  }

  private async onJob(msg: JsMsg): Promise<void | 'settled'> {
    const job = parseJob(msg);
    if (!job) {
      this.logger.warn(`dropped a malformed run job on ${msg.subject}`);
      return;
    }
    const running = this.perOrg.get(job.orgId) ?? 0;
    const free = this.config.RUNNER_CONCURRENCY - this.limiter.inUse;
    // An org at its share waits; so does an org already running here when only the reserved slots are left.
    if (running >= this.perOrgLimit || (running > 0 && free <= this.config.RUNNER_RESERVED_SLOTS)) {
      msg.nak(DEFER_MS);
      return 'settled';
    }
    // While every slot is busy, tell JetStream the job is being worked on, so it is not redelivered meanwhile.
    const keepAlive = setInterval(() => msg.working(), WORKING_EVERY_MS);
    const slot = await this.limiter.acquire().finally(() => clearInterval(keepAlive));
    const release = this.holdOrgShare(job.orgId, slot);
    try {
      const started = await this.runs.start(job.runId);
      if (!started) return release();
      void this.executeRun.execute(started).finally(release);
    } catch (error) {
      release();
      throw error;
    }
  }

  /** Counts the org's run on this runner until the returned release (which also frees the slot). */
  private holdOrgShare(orgId: string, releaseSlot: () => void): () => void {
    this.perOrg.set(orgId, (this.perOrg.get(orgId) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.perOrg.get(orgId) ?? 1) - 1;
      if (left <= 0) this.perOrg.delete(orgId);
      else this.perOrg.set(orgId, left);
      releaseSlot();
    };
  }
}

function parseJob(msg: JsMsg): RunJob | null {
  try {
    const job = msg.json<RunJob>();
    return typeof job?.runId === 'string' && typeof job.orgId === 'string' ? job : null;
  } catch {
    return null;
  }
}
