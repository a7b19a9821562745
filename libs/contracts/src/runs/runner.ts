import { Type } from 'class-transformer';
import { Allow, IsIn, IsInt, IsObject, IsOptional, IsString, Length, Matches, MaxLength, Min, ValidateNested } from 'class-validator';
import type { ExecutorSpec } from './executor.js';
import type { RunDto, RunStatus } from './runs.js';

/** Runner → runs subjects. They are called with a system context, never routed from HTTP. */
export class RunRefRequest {
  @IsString() @MaxLength(64) runId!: string;
}

export class StartRunRequest extends RunRefRequest {}

export type StartRunReply =
  | { skip: true }
  | {
      skip: false;
      run: RunDto;
      agentId: string;
      executor: ExecutorSpec;
      timeoutSeconds: number;
      endUserId: string | null;
      orgId: string;
      applicationId: string;
    };

export class HeartbeatRunRequest extends RunRefRequest {}

/** `cancelled` is true whenever the run is no longer running (cancelled, timed out, ...): stop at once. */
export interface HeartbeatRunReply {
  cancelled: boolean;
  status: RunStatus | null;
}

/** Runner events; the `run.` prefix is reserved for state changes. */
export const RUNNER_EVENT_TYPE = /^(?!run\.)[a-z][a-z0-9_.:-]{0,63}$/;

export class AppendRunEventRequest extends RunRefRequest {
  @IsString() @Matches(RUNNER_EVENT_TYPE, { message: 'type must be 1-64 lower-case characters and must not start with "run."' }) type!: string;
  @IsOptional() @IsObject() data?: Record<string, unknown>;
}

export interface AppendRunEventReply {
  appended: boolean;
  seq: number | null;
}

export class RunErrorInput {
  @IsString() @Matches(/^[a-z][a-z0-9_]{0,99}$/) code!: string;
  @IsString() @Length(1, 4000) message!: string;
}

export class RunUsageInput {
  @IsOptional() @IsInt() @Min(0) inputTokens?: number;
  @IsOptional() @IsInt() @Min(0) outputTokens?: number;
  @IsOptional() @IsInt() @Min(0) costMicroUsd?: number;
}

export const COMPLETION_STATUSES = ['succeeded', 'failed', 'timed_out'] as const;
export type CompletionStatus = (typeof COMPLETION_STATUSES)[number];

export class CompleteRunRequest extends RunRefRequest {
  /** `timed_out` is sent by a runner that aborted at the run's deadline. */
  @IsIn(COMPLETION_STATUSES) status!: CompletionStatus;
  /** Any JSON value; checked against the version's outputSchema when there is one. */
  @Allow() output?: unknown;
  @IsOptional() @ValidateNested() @Type(() => RunErrorInput) error?: RunErrorInput;
  @IsOptional() @ValidateNested() @Type(() => RunUsageInput) usage?: RunUsageInput;
}

/** `applied` is false when the run had already ended (e.g. cancelled): the completion was ignored. */
export interface CompleteRunReply {
  applied: boolean;
  status: RunStatus;
}

/** The JetStream job (subject RUN_JOB_SUBJECT) that tells a runner to start a run. */
export interface RunJob {
  runId: string;
  orgId: string;
}

/** Core-NATS broadcast on Subjects.broadcast.runEventAppended: live event streams fetch what is new. */
export interface RunEventAppendedBroadcast {
  runId: string;
  seq: number;
}

/** Core-NATS broadcast on Subjects.broadcast.runCancelled. */
export interface RunCancelledBroadcast {
  runIds: string[];
}
