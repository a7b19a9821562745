import type { AuditBlock } from '@agentry/contracts';
import { OutboxWriter } from '@agentry/messaging';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RunEntity } from './entities/run.entity.js';
import { RunEventsRepository } from './run-events.repository.js';
import { toRunDto } from './run.mapper.js';

export type RunStateEvent = 'run.queued' | 'run.started' | 'run.succeeded' | 'run.failed' | 'run.cancelled' | 'run.timed_out';

/**
 * Records a state change in the same transaction: a row in the run's history and the public
 * event (data = the run object) in the outbox.
 */
@Injectable()
export class RunHistory {
  constructor(private readonly events: RunEventsRepository, private readonly outbox: OutboxWriter) {}

  async record(manager: EntityManager, run: RunEntity, type: RunStateEvent, options: { audit?: AuditBlock; traceparent?: string } = {}): Promise<void> {
    await this.events.append(manager, run.id, type, stateData(run));
    await this.outbox.addEvent(manager, {
      type, orgId: run.orgId, applicationId: run.applicationId, data: toRunDto(run), audit: options.audit, traceparent: options.traceparent,
    });
  }
}

function stateData(run: RunEntity): Record<string, unknown> {
  const data: Record<string, unknown> = { status: run.status };
  if (run.status === 'succeeded') data.output = run.output ?? null;
  if (run.error) data.error = run.error;
  if (run.cancelReason) data.cancelReason = run.cancelReason;
  return data;
}
