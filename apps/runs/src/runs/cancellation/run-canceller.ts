import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RunEntity } from '../entities/run.entity.js';
import { RunBroadcaster } from '../run-broadcaster.js';
import { RunHistory } from '../run-history.js';
import { RunsRepository, type LiveRunFilter } from '../runs.repository.js';

const BROADCAST_CHUNK = 1000;

/**
 * Cancels many live runs at once (a filter, an org's kill switch, the platform's): one
 * compare-and-set UPDATE, a `run.cancelled` event per run in the same transaction, and after
 * commit a broadcast so runners abort them at once. The caller audits the operation as a whole.
 */
@Injectable()
export class RunCanceller {
  constructor(private readonly runs: RunsRepository, private readonly history: RunHistory, private readonly broadcaster: RunBroadcaster) {}

  /** Inside the caller's transaction. Returns the runs it cancelled; call `broadcast` with them after commit. */
  async cancelIn(manager: EntityManager, filter: LiveRunFilter, reason: string, traceparent?: string): Promise<RunEntity[]> {
    const cancelled = await this.runs.cancelLive(manager, filter, reason);
    for (const run of cancelled) await this.history.record(manager, run, 'run.cancelled', { traceparent });
    return cancelled;
  }

  broadcast(cancelled: RunEntity[]): void {
    for (let i = 0; i < cancelled.length; i += BROADCAST_CHUNK) {
      this.broadcaster.stopped(cancelled.slice(i, i + BROADCAST_CHUNK).map((run) => run.id));
    }
  }
}
