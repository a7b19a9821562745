import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { ListQuery } from '../pagination.js';
import { IsPrefixedId } from '../ids.js';
import { auditQueryInteger } from './query-integer.js';

export const AUDIT_ACTOR_TYPES = ['user', 'api_key', 'system'] as const;
export const AUDIT_OUTCOMES = ['success', 'denied', 'failure'] as const;

/** `GET /audit-events` query. Values arrive as strings; unknown values are 400 `validation_failed`. */
export class ListAuditEventsRequest extends ListQuery {
  @IsOptional() @Transform(auditQueryInteger) @IsInt() @Min(1) @Max(100) override limit?: number;
  @IsOptional() @IsString() @MaxLength(100) @Matches(/^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/, { message: 'action must look like resource.verb' })
  action?: string;
  @IsOptional() @IsIn(AUDIT_ACTOR_TYPES) actorType?: (typeof AUDIT_ACTOR_TYPES)[number];
  @IsOptional() @IsString() @MaxLength(100) actorId?: string;
  @IsOptional() @IsString() @MaxLength(64) @Matches(/^[a-z0-9_-]+$/, { message: 'resourceType must be a snake_case resource name' })
  resourceType?: string;
  @IsOptional() @IsString() @MaxLength(200) resourceId?: string;
  @IsOptional() @IsString() @IsPrefixedId('eu') endUserId?: string;
  @IsOptional() @IsIn(AUDIT_OUTCOMES) outcome?: (typeof AUDIT_OUTCOMES)[number];
  /** Inclusive lower bound on `occurredAt`. */
  @IsOptional() @IsISO8601({ strict: true }) from?: string;
  /** Exclusive upper bound on `occurredAt`. */
  @IsOptional() @IsISO8601({ strict: true }) to?: string;
}
