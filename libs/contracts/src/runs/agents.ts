import { Transform } from 'class-transformer';
import { queryInteger } from '../pagination.js';
import { IsInt, IsObject, IsOptional, IsString, Length, Matches, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { PageQuery } from './page-query.js';
import { ExecutorType, type ExecutorSpec } from './executor.js';
import { AGENT_REF_MAX_LENGTH, MAX_SCHEMA_BYTES, MaxJsonBytes, SLUG_PATTERN } from './validators.js';

/**
 * Names an agent by its `agt_` id or its slug. `agentId` is the documented field; `id` is accepted
 * too because the gateway merges path ids as `id` (`/agents/{id}`).
 */
export class AgentRef {
  @ValidateIf((o: AgentRef) => o.id === undefined) @IsString() @Length(1, AGENT_REF_MAX_LENGTH) agentId?: string;
  @ValidateIf((o: AgentRef) => o.agentId === undefined) @IsString() @Length(1, AGENT_REF_MAX_LENGTH) id?: string;
}

export function agentRefOf(input: AgentRef): string {
  return input.agentId ?? input.id ?? '';
}

export class CreateAgentRequest {
  @IsString() @Matches(SLUG_PATTERN, { message: 'slug must be 1-63 lower-case letters, digits or dashes, starting with a letter or digit' }) slug!: string;
  @IsString() @Length(1, 200) name!: string;
  @IsOptional() @IsString() @MaxLength(2000) description?: string | null;
  @IsObject() @ValidateNested() @ExecutorType() executor!: ExecutorSpec;
  /** A JSON Schema the run input must satisfy (compiled with ajv; 400 `invalid_schema` otherwise). */
  @IsOptional() @IsObject() @MaxJsonBytes(MAX_SCHEMA_BYTES) inputSchema?: Record<string, unknown> | null;
  @IsOptional() @IsObject() @MaxJsonBytes(MAX_SCHEMA_BYTES) outputSchema?: Record<string, unknown> | null;
  /** 1..3600, default 300. */
  @IsOptional() @IsInt() @Min(1) @Max(3600) timeoutSeconds?: number | null;
  /** A run's cost ceiling, reserved against the org's daily budget at admission (µUSD; default none). */
  @IsOptional() @IsInt() @Min(0) @Max(1e12) maxCostMicroUsd?: number | null;
}

export class UpdateAgentRequest extends AgentRef {
  @ValidateIf((o: UpdateAgentRequest) => o.name !== undefined) @IsString() @Length(1, 200) name?: string;
  /** `null` clears it. */
  @IsOptional() @IsString() @MaxLength(2000) description?: string | null;
}

export class PublishVersionRequest extends AgentRef {
  @IsObject() @ValidateNested() @ExecutorType() executor!: ExecutorSpec;
  @IsOptional() @IsObject() @MaxJsonBytes(MAX_SCHEMA_BYTES) inputSchema?: Record<string, unknown> | null;
  @IsOptional() @IsObject() @MaxJsonBytes(MAX_SCHEMA_BYTES) outputSchema?: Record<string, unknown> | null;
  @IsOptional() @IsInt() @Min(1) @Max(3600) timeoutSeconds?: number | null;
  /** A run's cost ceiling, reserved against the org's daily budget at admission (µUSD; default none). */
  @IsOptional() @IsInt() @Min(0) @Max(1e12) maxCostMicroUsd?: number | null;
}

export class ListAgentsQuery extends PageQuery {}

export class ListVersionsQuery extends AgentRef {
  @IsOptional() @Transform(queryInteger) @IsInt() @Min(1) @Max(100) limit?: number;
  @IsOptional() @IsString() @MaxLength(1024) cursor?: string;
}

export const DEFAULT_AGENT_TIMEOUT_SECONDS = 300;

export interface AgentDto {
  id: string;
  object: 'agent';
  slug: string;
  name: string;
  description: string | null;
  latestVersion: number;
  createdAt: string;
  updatedAt: string;
}

export interface AgentVersionDto {
  id: string;
  object: 'agent_version';
  agentId: string;
  version: number;
  executor: ExecutorSpec;
  inputSchema: Record<string, unknown> | null;
  outputSchema: Record<string, unknown> | null;
  timeoutSeconds: number;
  maxCostMicroUsd: number | null;
  createdAt: string;
}

export interface DeletedAgentReply {
  id: string;
  object: 'agent';
  deleted: true;
}
