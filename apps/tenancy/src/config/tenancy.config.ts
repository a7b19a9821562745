import { BaseServiceConfig } from '@agentry/messaging';
import { IsInt, IsString, Max, Min, MinLength } from 'class-validator';

export class TenancyConfig extends BaseServiceConfig {
  /** Signs list cursors. */
  @IsString() @MinLength(16) CURSOR_SECRET: string = 'dev-cursor-secret-change-me';
  /**
   * The platform's ceilings on what an org may set its own quotas to (`quotas:update` is the org's
   * permission; these are the operator's): no org can claim the whole runner pool or gateway.
   */
  @IsInt() @Min(1) @Max(10_000) QUOTA_LIMIT_MAX_CONCURRENT_RUNS: number = 100;
  @IsInt() @Min(0) @Max(100_000) QUOTA_LIMIT_MAX_QUEUED_RUNS: number = 10_000;
  @IsInt() @Min(1) @Max(1_000_000) QUOTA_LIMIT_REQUESTS_PER_MINUTE: number = 100_000;
}
