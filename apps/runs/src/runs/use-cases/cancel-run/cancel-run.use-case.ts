import { auditFromContext, isId, isTerminalRunStatus, type CancelRunRequest, type RequestContext, type RunDto } from '@agentry/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { endUserScope } from '../../../common/tenant.js';
import { OrgQuotas } from '../../admission/org-quotas.js';
import { RunDispatcher } from '../../admission/run-dispatcher.js';
import { RunBroadcaster } from '../../run-broadcaster.js';
import { RunErrors } from '../../run-errors.js';
import { RunHistory } from '../../run-history.js';
import { toRunDto } from '../../run.mapper.js';
import { RunsRepository } from '../../runs.repository.js';

export const DEFAULT_CANCEL_REASON = 'requested';

/**
 * queued | running → cancelled (compare-and-set, so a completion racing it loses), frees the
 * run's slot for the next waiting run, then tells every runner to abort it.
 */
@Injectable()
export class CancelRun {
  constructor(
    private readonly dataSource: DataSource,
    private readonly runs: RunsRepository,
    private readonly quotas: OrgQuotas,
    private readonly dispatcher: RunDispatcher,
    private readonly history: RunHistory,
    private readonly broadcaster: RunBroadcaster,
  ) {}

  async execute(ctx: RequestContext, input: CancelRunRequest): Promise<RunDto> {
    if (!isId('run', input.id)) throw RunErrors.notFound();
    const scope = endUserScope(ctx);
    const current = await this.runs.findVisible(scope, input.id);
    if (!current) throw RunErrors.notFound();
    if (isTerminalRunStatus(current.status)) throw RunErrors.notCancellable(current.status);
    const quotas = await this.quotas.get(scope.orgId, ctx);

    const cancelled = await this.dataSource.transaction(async (manager) => {
      // The org lock first, as admission takes it: ending a run touches the day's spend row (a
      // trigger), which admission also locks while holding the org lock.
      await this.runs.lockOrg(manager, scope);
      const run = await this.runs.finish(manager, input.id, ['queued', 'running'], { status: 'cancelled', cancelReason: input.reason ?? DEFAULT_CANCEL_REASON }, scope);
      if (!run) return null;
      await this.history.record(manager, run, 'run.cancelled', {
        audit: auditFromContext(ctx, 'run.cancel', { type: 'run', id: run.id }, { reason: run.cancelReason }), traceparent: ctx.traceparent,
      });
      await this.dispatcher.releaseSlot(manager, scope, quotas);
      return run;
    });
    if (!cancelled) {
      // It ended between the read and the update.
      const latest = await this.runs.findVisible(scope, input.id);
      throw RunErrors.notCancellable(latest?.status ?? 'ended');
    }
    this.broadcaster.stopped([cancelled.id]);
    return toRunDto(cancelled);
  }
}
