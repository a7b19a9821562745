import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsOmittable, OrgPathParams } from './common.js';

/** PATCH /orgs/{orgId}/settings: an unsupported version → 400 `unsupported_api_version`. */
export class UpdateSettingsRequest extends OrgPathParams {
  @IsOmittable() @IsString() @MaxLength(32) apiVersion?: string;
  @IsOmittable() @IsInt() @Min(1) @Max(3650) auditRetentionDays?: number;
}

export interface OrgSettingsDto {
  object: 'settings';
  apiVersion: string;
  auditRetentionDays: number;
}

export const DEFAULT_ORG_QUOTAS = {
  requestsPerMinute: 600,
  maxConcurrentRuns: 10,
  maxQueuedRuns: 100,
  dailyBudgetMicroUsd: null,
} as const;

/** PATCH /orgs/{orgId}/quotas: `dailyBudgetMicroUsd: null` means unlimited. */
export class UpdateQuotasRequest extends OrgPathParams {
  @IsOmittable() @IsInt() @Min(1) @Max(1_000_000) requestsPerMinute?: number;
  @IsOmittable() @IsInt() @Min(1) @Max(10_000) maxConcurrentRuns?: number;
  @IsOmittable() @IsInt() @Min(0) @Max(100_000) maxQueuedRuns?: number;
  @IsOptional() @IsInt() @Min(0) @Max(1e15) dailyBudgetMicroUsd?: number | null;
}

export interface OrgQuotasDto {
  object: 'quotas';
  requestsPerMinute: number;
  maxConcurrentRuns: number;
  maxQueuedRuns: number;
  /** null = unlimited. */
  dailyBudgetMicroUsd: number | null;
}
