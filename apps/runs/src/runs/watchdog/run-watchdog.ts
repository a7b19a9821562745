import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { RunsConfig } from '../../config/runs.config.js';
import { ReleaseSlots } from '../admission/release-slots.js';
import { RunsRepository } from '../runs.repository.js';
import { TimeOutRuns } from '../use-cases/time-out-runs/time-out-runs.use-case.js';

/**
 * Every WATCHDOG_INTERVAL_MS: times out overdue runs, then gives any free slot to waiting runs
 * (a backstop for a lost dispatch or a raised quota). One tick at a time.
 */
@Injectable()
export class RunWatchdog implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('RunWatchdog');
  private timer: NodeJS.Timeout | undefined;
  private tick: Promise<void> | undefined;

  constructor(
    private readonly config: RunsConfig,
    private readonly timeOutRuns: TimeOutRuns,
    private readonly runs: RunsRepository,
    private readonly releaseSlots: ReleaseSlots,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.WATCHDOG_INTERVAL_MS === 0) return;
    this.timer = setInterval(() => {
      if (!this.tick) this.tick = this.runOnce().finally(() => (this.tick = undefined));
    }, this.config.WATCHDOG_INTERVAL_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.tick;
  }

  /** Also called by tests. */
  async runOnce(): Promise<void> {
    try {
      while ((await this.timeOutRuns.execute()) > 0) {
        // Drain every overdue batch.
      }
      await this.releaseSlots.forOrgs(await this.runs.orgsWithWaiting(100));
    } catch (error) {
      this.logger.warn(`watchdog tick failed: ${(error as Error).message}`);
    }
  }
}
