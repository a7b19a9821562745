import { appError, isId, type AppendRunEventReply, type AppendRunEventRequest } from '@agentry/contracts';
import { Injectable } from '@nestjs/common';
import { RunBroadcaster } from '../../run-broadcaster.js';
import { RunEventsRepository } from '../../run-events.repository.js';

const MAX_EVENT_BYTES = 64 * 1024;

/** Records what a runner reports (logs, progress) while the run is running; later events are dropped. */
@Injectable()
export class AppendRunEvent {
  constructor(private readonly events: RunEventsRepository, private readonly broadcaster: RunBroadcaster) {}

  async execute(input: AppendRunEventRequest): Promise<AppendRunEventReply> {
    const data = input.data ?? {};
    if (Buffer.byteLength(JSON.stringify(data)) > MAX_EVENT_BYTES) throw appError(413, 'payload_too_large', `Run event data is limited to ${MAX_EVENT_BYTES} bytes.`);
    if (!isId('run', input.runId)) return { appended: false, seq: null };
    const seq = await this.events.appendIfRunning(input.runId, input.type, data);
    if (seq !== null) this.broadcaster.eventAppended(input.runId, seq);
    return { appended: seq !== null, seq };
  }
}
