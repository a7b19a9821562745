import type { RunDto, RunEventDto } from '@agentry/contracts';
import type { RunEventEntity } from './entities/run-event.entity.js';
import type { RunEntity } from './entities/run.entity.js';

/** The public run object (api.md): never the principal, idempotency key or scheduling columns. */
export function toRunDto(run: RunEntity): RunDto {
  return {
    id: run.id, object: 'run', agentId: run.agentId, agentVersion: run.agentVersion, applicationId: run.applicationId,
    endUserId: run.endUserId, apiKeyId: run.apiKeyId, createdBy: run.createdBy, status: run.status, input: run.input,
    output: run.output ?? null, error: run.error,
    usage: { inputTokens: Number(run.inputTokens), outputTokens: Number(run.outputTokens), costMicroUsd: Number(run.costMicroUsd) },
    metadata: run.metadata, createdAt: iso(run.createdAt)!, startedAt: iso(run.startedAt), finishedAt: iso(run.finishedAt),
    cancelReason: run.cancelReason,
  };
}

export function toRunEventDto(event: RunEventEntity): RunEventDto {
  return { object: 'run_event', runId: event.runId, seq: Number(event.seq), type: event.type, data: event.data, createdAt: iso(event.createdAt)! };
}

function iso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}
