import { isId, type CompleteRunReply, type CompleteRunRequest, type RunErrorDto, jsonBytes, MAX_RUN_OUTPUT_BYTES } from '@agentry/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AgentVersionsRepository } from '../../../agents/agent-versions.repository.js';
import { SchemaValidator } from '../../../common/json-schema.js';
import { OrgQuotas } from '../../admission/org-quotas.js';
import { RunDispatcher } from '../../admission/run-dispatcher.js';
import type { RunEntity } from '../../entities/run.entity.js';
import { RunErrors } from '../../run-errors.js';
import { RunHistory } from '../../run-history.js';
import { RunsRepository, type Completion } from '../../runs.repository.js';

/**
 * running → succeeded | failed | timed_out, written once (compare-and-set): the completion of a run
 * that was cancelled or timed out meanwhile is ignored (`applied: false`). Frees the slot for the
 * org's next waiting run in the same transaction.
 */
@Injectable()
export class CompleteRun {
  constructor(
    private readonly dataSource: DataSource,
    private readonly runs: RunsRepository,
    private readonly versions: AgentVersionsRepository,
    private readonly schemas: SchemaValidator,
    private readonly quotas: OrgQuotas,
    private readonly dispatcher: RunDispatcher,
    private readonly history: RunHistory,
  ) {}

  async execute(input: CompleteRunRequest): Promise<CompleteRunReply> {
    const run = isId('run', input.runId) ? await this.runs.findById(input.runId) : null;
    if (!run) throw RunErrors.notFound();
    if (run.status !== 'running') return { applied: false, status: run.status };
    const completion = await this.completion(run, input);
    const quotas = await this.quotas.get(run.orgId);

    const finished = await this.dataSource.transaction(async (manager) => {
      // The org lock first, as admission takes it: ending a run touches the day's spend row (a
      // trigger), which admission also locks while holding the org lock.
      await this.runs.lockOrg(manager, { orgId: run.orgId });
      const updated = await this.runs.finish(manager, run.id, ['running'], completion);
      if (!updated) return null;
      await this.history.record(manager, updated, `run.${completion.status}`);
      await this.dispatcher.releaseSlot(manager, { orgId: updated.orgId }, quotas);
      return updated;
    });
    if (finished) return { applied: true, status: finished.status };
    const latest = await this.runs.findById(run.id);
    return { applied: false, status: latest?.status ?? run.status };
  }

  private async completion(run: RunEntity, input: CompleteRunRequest): Promise<Completion> {
    const usage = input.usage;
    // Kept out of the run: it would not fit the messages a run travels in (reads, events, webhooks).
    if (jsonBytes(input.output) > MAX_RUN_OUTPUT_BYTES) {
      return { status: 'failed', usage, error: { code: 'output_too_large', message: `The output is larger than ${MAX_RUN_OUTPUT_BYTES} bytes as JSON.` } };
    }
    if (input.status === 'timed_out') {
      return { status: 'timed_out', usage, error: { code: 'timed_out', message: `The run exceeded its timeout of ${run.timeoutSeconds} seconds.` } };
    }
    if (input.status === 'failed') {
      return { status: 'failed', usage, output: input.output, error: input.error ? toError(input.error) : { code: 'failed', message: 'The run failed.' } };
    }
    const invalid = await this.outputErrors(run, input.output);
    if (invalid) return { status: 'failed', usage, output: input.output, error: invalid };
    return { status: 'succeeded', usage, output: input.output ?? null };
  }

  private async outputErrors(run: RunEntity, output: unknown): Promise<RunErrorDto | null> {
    const version = await this.versions.findById(run.agentVersionId);
    if (!version?.outputSchema) return null;
    const errors = this.schemas.check(`${version.id}:output`, version.outputSchema, output, 'output');
    if (errors.length === 0) return null;
    return { code: 'invalid_output', message: `The output does not match the outputSchema: ${errors.map((e) => e.message).join('; ')}` };
  }
}

function toError(error: { code: string; message: string }): RunErrorDto {
  return { code: error.code, message: error.message };
}
