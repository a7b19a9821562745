import { auditFromContext, Errors, type CancelRunsReply, type CancelRunsRequest, type RequestContext } from '@agentry/contracts';
import { OutboxWriter } from '@agentry/messaging';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AgentsRepository } from '../../../agents/agents.repository.js';
import { endUserScope } from '../../../common/tenant.js';
import { OrgQuotas } from '../../admission/org-quotas.js';
import { RunDispatcher } from '../../admission/run-dispatcher.js';
import { RunCanceller } from '../../cancellation/run-canceller.js';
import { RunsRepository, type LiveRunFilter } from '../../runs.repository.js';
import { DEFAULT_CANCEL_REASON } from '../cancel-run/cancel-run.use-case.js';

/**
 * `POST /runs/cancel`: every queued or running run of the caller's application (only the
 * end-user's when acting for one) that matches all the filters. One audit record for the whole
 * operation; each run gets its `run.cancelled` event. Freed slots go to the org's waiting runs.
 */
@Injectable()
export class CancelRuns {
  constructor(
    private readonly dataSource: DataSource,
    private readonly agents: AgentsRepository,
    private readonly runs: RunsRepository,
    private readonly canceller: RunCanceller,
    private readonly quotas: OrgQuotas,
    private readonly dispatcher: RunDispatcher,
    private readonly outbox: OutboxWriter,
  ) {}

  async execute(ctx: RequestContext, input: CancelRunsRequest): Promise<CancelRunsReply> {
    const scope = endUserScope(ctx);
    if (scope.endUserId && input.endUserId && input.endUserId !== scope.endUserId) return { object: 'run_cancellation', matched: 0, cancelled: 0 };
    let agentId: string | undefined;
    if (input.agentId !== undefined) {
      const agent = await this.agents.findByRef(scope, input.agentId);
      if (!agent) throw Errors.notFound('agent');
      agentId = agent.id;
    }
    const filter: LiveRunFilter = {
      orgId: scope.orgId, applicationId: scope.applicationId, endUserId: scope.endUserId ?? input.endUserId, agentId, status: input.status,
    };
    const reason = input.reason ?? DEFAULT_CANCEL_REASON;
    const quotas = await this.quotas.get(scope.orgId, ctx);

    const matched = await this.runs.countLiveMatching(this.dataSource.manager, filter);
    const cancelled = await this.dataSource.transaction(async (manager) => {
      // The org lock first, as admission takes it: ending a run touches the day's spend row (a
      // trigger), which admission also locks while holding the org lock.
      await this.runs.lockOrg(manager, scope);
      const runs = await this.canceller.cancelIn(manager, filter, reason, ctx.traceparent);
      await this.outbox.addEvent(manager, {
        type: 'runs.bulk_cancelled', orgId: scope.orgId, applicationId: scope.applicationId, data: { filter, cancelled: runs.length },
        audit: auditFromContext(ctx, 'run.cancel_many', { type: 'application', id: scope.applicationId }, {
          filters: { agentId: input.agentId, endUserId: input.endUserId, status: input.status }, matched, cancelled: runs.length, reason,
        }),
        traceparent: ctx.traceparent,
      });
      if (runs.length > 0) await this.dispatcher.releaseSlot(manager, scope, quotas);
      return runs;
    });
    this.canceller.broadcast(cancelled);
    return { object: 'run_cancellation', matched: Math.max(matched, cancelled.length), cancelled: cancelled.length };
  }
}
