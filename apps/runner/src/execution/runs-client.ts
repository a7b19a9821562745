import {
  CURRENT_API_VERSION, newId, Subjects, systemContext,
  type AppendRunEventReply, type CompleteRunReply, type CompletionStatus, type HeartbeatRunReply, type RunErrorDto, type StartRunReply,
} from '@agentry/contracts';
import { RpcClient } from '@agentry/messaging';
import { Injectable, Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';

export type StartedRun = Extract<StartRunReply, { skip: false }>;

export interface Completion {
  runId: string;
  status: CompletionStatus;
  output?: unknown;
  error?: RunErrorDto;
  usage?: { inputTokens?: number; outputTokens?: number; costMicroUsd?: number };
}

const COMPLETE_ATTEMPTS = 4;

/** The runs service's runner-facing subjects, called with a system context. */
@Injectable()
export class RunsClient {
  private readonly logger = new Logger('RunsClient');

  constructor(private readonly rpc: RpcClient) {}

  /** Null when the run is not to be executed (no longer queued: cancelled, already started elsewhere). */
  async start(runId: string): Promise<StartedRun | null> {
    const reply = await this.rpc.request<StartRunReply>(Subjects.runs.startRun, ctx(), { runId });
    return reply.skip ? null : reply;
  }

  heartbeat(runId: string): Promise<HeartbeatRunReply> {
    return this.rpc.request<HeartbeatRunReply>(Subjects.runs.heartbeatRun, ctx(), { runId });
  }

  /** Best effort: a lost runner event never fails the run. */
  async append(runId: string, type: string, data: Record<string, unknown>): Promise<void> {
    await this.rpc.request<AppendRunEventReply>(Subjects.runs.appendRunEvent, ctx(), { runId, type, data }).catch((error: Error) => {
      this.logger.warn(`run event of ${runId} lost: ${error.message}`);
    });
  }

  /** Retried with backoff; if the runs service stays away the watchdog will time the run out. */
  async complete(completion: Completion): Promise<CompleteRunReply | null> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.rpc.request<CompleteRunReply>(Subjects.runs.completeRun, ctx(), completion);
      } catch (error) {
        const status = (error as { status?: number }).status ?? 0;
        if (attempt >= COMPLETE_ATTEMPTS || (status >= 400 && status < 500)) {
          this.logger.error(`could not complete run ${completion.runId}: ${(error as Error).message}`);
          return null;
        }
        await sleep(250 * 2 ** attempt);
      }
    }
  }
}

function ctx() {
  return systemContext(newId('req'), CURRENT_API_VERSION);
}
