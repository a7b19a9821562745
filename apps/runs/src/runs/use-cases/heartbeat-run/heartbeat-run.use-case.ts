import { isId, type HeartbeatRunReply, type HeartbeatRunRequest } from '@agentry/contracts';
import { Injectable } from '@nestjs/common';
import { RunsRepository } from '../../runs.repository.js';

/** Keeps a running run alive; tells the runner to stop when it is no longer running (cancelled, timed out). */
@Injectable()
export class HeartbeatRun {
  constructor(private readonly runs: RunsRepository) {}

  async execute(input: HeartbeatRunRequest): Promise<HeartbeatRunReply> {
    if (!isId('run', input.runId)) return { cancelled: true, status: null };
    if (await this.runs.heartbeat(input.runId)) return { cancelled: false, status: 'running' };
    const run = await this.runs.findById(input.runId);
    return { cancelled: true, status: run?.status ?? null };
  }
}
