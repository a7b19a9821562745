import { RUN_JOB_SUBJECT, type RunJob } from '@agentry/contracts';
import { OutboxWriter } from '@agentry/messaging';
import type { OrgScope } from '@agentry/persistence';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { RunsRepository } from '../runs.repository.js';
import type { RunQuotas } from './org-quotas.js';

/**
 * Hands free concurrency slots to the oldest waiting runs of an org, writing each one's job in the
 * caller's transaction (it leaves for JetStream only after commit). Callers hold the org lock
 * (`RunsRepository.lockOrg`), so two transactions cannot overshoot the cap.
 */
@Injectable()
export class RunDispatcher {
  constructor(private readonly runs: RunsRepository, private readonly outbox: OutboxWriter) {}

  async dispatch(manager: EntityManager, scope: OrgScope, freeSlots: number, traceparent?: string): Promise<string[]> {
    const ids = await this.runs.dispatchOldest(manager, scope, freeSlots);
    for (const runId of ids) {
      const job: RunJob = { runId, orgId: scope.orgId };
      await this.outbox.addMessage(manager, `job_${runId}`, RUN_JOB_SUBJECT, job, traceparent);
    }
    return ids;
  }

  /** After a run left the live states: lock the org and let the next waiting runs in. */
  async releaseSlot(manager: EntityManager, scope: OrgScope, quotas: RunQuotas): Promise<string[]> {
    await this.runs.lockOrg(manager, scope);
    const { active } = await this.runs.countLive(manager, scope);
    return this.dispatch(manager, scope, quotas.maxConcurrentRuns - active);
  }
}
