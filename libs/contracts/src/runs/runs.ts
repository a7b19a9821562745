import { Transform } from 'class-transformer';
import { queryInteger } from '../pagination.js';
import { IsIn, IsInt, IsISO8601, IsObject, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { IsPrefixedId } from '../ids.js';
import { PageQuery } from './page-query.js';
import { AGENT_REF_MAX_LENGTH, MAX_RUN_INPUT_BYTES, MAX_RUN_METADATA_BYTES, MaxJsonBytes, MaxKeys } from './validators.js';

export const RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled', 'timed_out'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const TERMINAL_RUN_STATUSES = ['succeeded', 'failed', 'cancelled', 'timed_out'] as const satisfies readonly RunStatus[];
export type TerminalRunStatus = (typeof TERMINAL_RUN_STATUSES)[number];

export function isTerminalRunStatus(status: RunStatus): status is TerminalRunStatus {
  return (TERMINAL_RUN_STATUSES as readonly string[]).includes(status);
}

export class CreateRunRequest {
  /** The agent's `agt_` id or slug. */
  @IsString() @Length(1, AGENT_REF_MAX_LENGTH) agentId!: string;
  /** Default: the latest version. */
  @IsOptional() @IsInt() @Min(1) @Max(2_147_483_647) version?: number;
  /** Validated against the version's inputSchema (422 `invalid_input`); at most 256 KiB as JSON. */
  @IsObject() @MaxJsonBytes(MAX_RUN_INPUT_BYTES) input!: Record<string, unknown>;
  @IsOptional() @MaxKeys(50) @MaxJsonBytes(MAX_RUN_METADATA_BYTES) metadata?: Record<string, unknown>;
}

/** `GET /runs/{id}` and friends: the path id. */
export class RunIdRequest {
  @IsString() @MaxLength(64) id!: string;
}

export class CancelRunRequest extends RunIdRequest {
  @IsOptional() @IsString() @Length(1, 500) reason?: string;
}

export class ListRunsQuery extends PageQuery {
  @IsOptional() @IsIn(RUN_STATUSES) status?: RunStatus;
  @IsOptional() @IsString() @Length(1, AGENT_REF_MAX_LENGTH) agentId?: string;
  @IsOptional() @IsString() @IsPrefixedId('eu') endUserId?: string;
  @IsOptional() @IsISO8601({ strict: true }) createdAfter?: string;
  @IsOptional() @IsISO8601({ strict: true }) createdBefore?: string;
}

/** Oldest first. `after` is a `seq` (e.g. from SSE `Last-Event-ID`); `cursor` is the previous page's `nextCursor`. */
export class ListRunEventsQuery extends RunIdRequest {
  @IsOptional() @Transform(queryInteger) @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER) after?: number;
  /** 1..100 like every list (api.md). */
  @IsOptional() @Transform(queryInteger) @IsInt() @Min(1) @Max(100) limit?: number;
  @IsOptional() @IsString() @MaxLength(1024) cursor?: string;
}

export interface RunUsage {
  inputTokens: number;
  outputTokens: number;
  costMicroUsd: number;
}

export interface RunErrorDto {
  code: string;
  message: string;
}

export interface RunDto {
  id: string;
  object: 'run';
  agentId: string;
  agentVersion: number;
  applicationId: string;
  endUserId: string | null;
  apiKeyId: string | null;
  createdBy: string | null;
  status: RunStatus;
  input: Record<string, unknown>;
  output: unknown;
  error: RunErrorDto | null;
  usage: RunUsage;
  metadata: Record<string, unknown>;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  cancelReason: string | null;
}

export interface RunEventDto {
  object: 'run_event';
  runId: string;
  /** Increases within a run; usable as SSE event id and as `after`. */
  seq: number;
  type: string;
  data: Record<string, unknown>;
  createdAt: string;
}
