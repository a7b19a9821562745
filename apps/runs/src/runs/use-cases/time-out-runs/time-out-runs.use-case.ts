import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RunsConfig } from '../../../config/runs.config.js';
import { ReleaseSlots } from '../../admission/release-slots.js';
import { RunBroadcaster } from '../../run-broadcaster.js';
import { RunHistory } from '../../run-history.js';
import { RunsRepository } from '../../runs.repository.js';

const BATCH = 100;

/**
 * running → timed_out for runs whose heartbeat stopped (runner gone) or whose timeoutSeconds
 * elapsed. Rows are claimed with SKIP LOCKED, so several replicas can run it side by side. Their
 * slots then go to the orgs' waiting runs, and runners still holding them are told to abort.
 */
@Injectable()
export class TimeOutRuns {
  constructor(
    private readonly dataSource: DataSource,
    private readonly runs: RunsRepository,
    private readonly history: RunHistory,
    private readonly releaseSlots: ReleaseSlots,
    private readonly broadcaster: RunBroadcaster,
    private readonly config: RunsConfig,
  ) {}

  /** One batch; returns how many runs it timed out. */
  async execute(): Promise<number> {
    const timedOut = await this.dataSource.transaction(async (manager) => {
      const overdue = await this.runs.lockOverdue(manager, this.config.HEARTBEAT_TIMEOUT_SECONDS, BATCH);
      const done: Array<{ id: string; orgId: string }> = [];
      // In org order: each ending locks its org's spend row (a trigger), so replicas timing out
      // runs of the same orgs take those locks in one order.
      for (const { id, reason } of [...overdue].sort((a, b) => (a.orgId < b.orgId ? -1 : a.orgId > b.orgId ? 1 : 0))) {
        const run = await this.runs.finish(manager, id, ['running'], {
          status: 'timed_out',
          error: reason === 'timeout'
            ? { code: 'timed_out', message: 'The run exceeded its timeout.' }
            : { code: 'heartbeat_lost', message: `The runner stopped reporting for more than ${this.config.HEARTBEAT_TIMEOUT_SECONDS} seconds.` },
        });
        if (!run) continue;
        await this.history.record(manager, run, 'run.timed_out');
        done.push({ id: run.id, orgId: run.orgId });
      }
      return done;
    });
    if (timedOut.length === 0) return 0;
    this.broadcaster.stopped(timedOut.map((run) => run.id));
    await this.releaseSlots.forOrgs(timedOut.map((run) => run.orgId));
    return timedOut.length;
  }
}
