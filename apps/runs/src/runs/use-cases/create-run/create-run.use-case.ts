import { auditFromContext, Errors, newId, type CreateRunRequest, type RequestContext, type RunDto } from '@agentry/contracts';
import { isUniqueViolation, type EndUserScope } from '@agentry/persistence';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AgentVersionsRepository } from '../../../agents/agent-versions.repository.js';
import { AgentsRepository } from '../../../agents/agents.repository.js';
import type { AgentVersionEntity } from '../../../agents/entities/agent-version.entity.js';
import { SchemaValidator } from '../../../common/json-schema.js';
import { KillSwitchesRepository, PLATFORM_KEY } from '../../../kill-switches/kill-switches.repository.js';
import { endUserScope } from '../../../common/tenant.js';
import { budgetDay, DailyBudget } from '../../admission/daily-budget.js';
import { OrgQuotas } from '../../admission/org-quotas.js';
import { RunDispatcher } from '../../admission/run-dispatcher.js';
import { RunEntity } from '../../entities/run.entity.js';
import { RunErrors } from '../../run-errors.js';
import { RunHistory } from '../../run-history.js';
import { toRunDto } from '../../run.mapper.js';
import { RunsRepository } from '../../runs.repository.js';

/**
 * Creates a run `queued`, unless a kill switch (the org's or the platform's) is engaged (503) or
 * the org's daily budget has no room for the run's reservation (402).
 * Admission is atomic under the org lock: a free concurrency slot
 * dispatches it (its job is written in the same transaction), else it waits in FIFO order, and
 * past the queue limit it is refused with 429. A retried create with the same Idempotency-Key
 * (same org, application, principal and end-user) returns the first run.
 */
@Injectable()
export class CreateRun {
  constructor(
    private readonly dataSource: DataSource,
    private readonly agents: AgentsRepository,
    private readonly versions: AgentVersionsRepository,
    private readonly runs: RunsRepository,
    private readonly schemas: SchemaValidator,
    private readonly quotas: OrgQuotas,
    private readonly dispatcher: RunDispatcher,
    private readonly history: RunHistory,
    private readonly killSwitches: KillSwitchesRepository,
    private readonly budget: DailyBudget,
  ) {}

  async execute(ctx: RequestContext, input: CreateRunRequest): Promise<RunDto> {
    const scope = endUserScope(ctx);
    const replayed = await this.findReplay(ctx, scope);
    if (replayed) return toRunDto(replayed);

    const version = await this.resolveVersion(scope, input);
    const errors = this.schemas.check(version.id, version.inputSchema, input.input, 'input');
    if (errors.length > 0) throw RunErrors.invalidInput(errors);
    const quotas = await this.quotas.get(scope.orgId, ctx);
    const run = this.newRun(ctx, scope, version, input);

    try {
      return await this.dataSource.transaction(async (manager) => {
        await this.runs.lockPlatform(manager, 'shared');
        await this.runs.lockOrg(manager, scope);
        const blocking = await this.killSwitches.findBlocking(manager, scope.orgId);
        if (blocking) throw RunErrors.killSwitchEngaged(blocking.scopeKey === PLATFORM_KEY ? 'platform' : 'org', blocking.reason);
        const { active, waiting } = await this.runs.countLive(manager, scope);
        const freeSlots = Math.max(0, quotas.maxConcurrentRuns - active);
        if (waiting + 1 - freeSlots > quotas.maxQueuedRuns) throw RunErrors.concurrencyLimit(quotas.maxConcurrentRuns, quotas.maxQueuedRuns);
        await this.budget.reserve(manager, scope.orgId, run.budgetDay!, quotas.dailyBudgetMicroUsd, Number(run.reservedMicroUsd));
        const inserted = await this.runs.insert(manager, run);
        await this.history.record(manager, inserted, 'run.queued', {
          audit: auditFromContext(ctx, 'run.create', { type: 'run', id: run.id }, { agentId: run.agentId, agentVersion: run.agentVersion }),
          traceparent: ctx.traceparent,
        });
        await this.dispatcher.dispatch(manager, scope, freeSlots, ctx.traceparent);
        return toRunDto(inserted);
      });
    } catch (error) {
      // A concurrent retry with the same key committed first: answer with its run.
      const winner = isUniqueViolation(error, 'runs_idempotency_unique') ? await this.findReplay(ctx, scope) : null;
      if (winner) return toRunDto(winner);
      throw error;
    }
  }

  private findReplay(ctx: RequestContext, scope: EndUserScope): Promise<RunEntity | null> {
    return ctx.idempotencyKey ? this.runs.findByIdempotencyKey(scope, ctx.principal.id, ctx.idempotencyKey) : Promise.resolve(null);
  }

  private async resolveVersion(scope: EndUserScope, input: CreateRunRequest): Promise<AgentVersionEntity> {
    const agent = await this.agents.findByRef(scope, input.agentId);
    if (!agent) throw Errors.notFound('agent');
    const version = await this.versions.findVersion(scope, agent.id, input.version ?? agent.latestVersion);
    if (!version) throw Errors.notFound('agent version');
    return version;
  }

  private newRun(ctx: RequestContext, scope: EndUserScope, version: AgentVersionEntity, input: CreateRunRequest): RunEntity {
    const { principal } = ctx;
    return Object.assign(new RunEntity(), {
      id: newId('run'), orgId: scope.orgId, applicationId: scope.applicationId, agentId: version.agentId, agentVersionId: version.id,
      agentVersion: version.version, endUserId: scope.endUserId ?? null,
      apiKeyId: principal.apiKeyId ?? (principal.type === 'api_key' ? principal.id : null), createdBy: principal.userId ?? null,
      principalId: principal.id, idempotencyKey: ctx.idempotencyKey ?? null, input: input.input, metadata: input.metadata ?? {},
      timeoutSeconds: version.timeoutSeconds, reservedMicroUsd: version.maxCostMicroUsd ?? '0', budgetDay: budgetDay(),
    });
  }
}
