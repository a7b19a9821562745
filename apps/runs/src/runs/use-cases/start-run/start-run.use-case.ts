import { isId, type StartRunReply, type StartRunRequest } from '@agentry/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AgentVersionsRepository } from '../../../agents/agent-versions.repository.js';
import { RunHistory } from '../../run-history.js';
import { toRunDto } from '../../run.mapper.js';
import { RunsRepository } from '../../runs.repository.js';

const SKIP: StartRunReply = { skip: true };

/** A runner claims a dispatched run: queued → running (compare-and-set); anything else is skipped (e.g. cancelled meanwhile). */
@Injectable()
export class StartRun {
  constructor(
    private readonly dataSource: DataSource,
    private readonly runs: RunsRepository,
    private readonly versions: AgentVersionsRepository,
    private readonly history: RunHistory,
  ) {}

  async execute(input: StartRunRequest): Promise<StartRunReply> {
    if (!isId('run', input.runId)) return SKIP;
    const run = await this.dataSource.transaction(async (manager) => {
      const started = await this.runs.markRunning(manager, input.runId);
      if (started) await this.history.record(manager, started, 'run.started');
      return started;
    });
    if (!run) return SKIP;
    const version = await this.versions.findById(run.agentVersionId);
    if (!version) throw new Error(`agent version ${run.agentVersionId} of run ${run.id} is missing`);
    return {
      skip: false, run: toRunDto(run), agentId: run.agentId, executor: version.executor, timeoutSeconds: run.timeoutSeconds,
      endUserId: run.endUserId, orgId: run.orgId, applicationId: run.applicationId,
    };
  }
}
