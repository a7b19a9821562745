import { BaseServiceConfig } from '@agentry/messaging';
import { envBoolean } from '@agentry/observability';
import { Transform, type TransformFnParams } from 'class-transformer';
import { IsBoolean, IsInt, IsString, Max, Min, MinLength } from 'class-validator';

/**
 * Reads the raw environment string: with loadConfig's implicit conversion, the already-converted
 * `value` of "false" is `true` (Boolean("false")), so `@Transform(envBoolean)` alone cannot see it.
 */
const envFlag = ({ obj, key }: TransformFnParams): boolean => envBoolean({ value: (obj as Record<string, unknown>)[key] });

export class RunsConfig extends BaseServiceConfig {
  /** Redeclared to read "false" as false (see envFlag); deployments set it to false and run migrate.ts once. */
  @Transform(envFlag) @IsBoolean() override MIGRATE_ON_START: boolean = true;
  /** Signs list cursors. */
  @IsString() @MinLength(16) CURSOR_SECRET: string = 'dev-cursor-secret-change-me';
  /** Used when tenancy does not answer the quotas request. */
  @IsInt() @Min(1) @Max(100_000) DEFAULT_MAX_CONCURRENT_RUNS: number = 10;
  @IsInt() @Min(0) @Max(1_000_000) DEFAULT_MAX_QUEUED_RUNS: number = 100;
  /** How long an org's quotas are cached. */
  @IsInt() @Min(0) @Max(600_000) QUOTAS_CACHE_MS: number = 5000;
  /** Deadline of the quotas request to tenancy; past it the defaults apply. */
  @IsInt() @Min(50) @Max(30_000) QUOTAS_TIMEOUT_MS: number = 1000;
  /** How often the watchdog looks for runs to time out; 0 disables it. */
  @IsInt() @Min(0) @Max(600_000) WATCHDOG_INTERVAL_MS: number = 5000;
  /** A running run whose last heartbeat is older than this is timed out. */
  @IsInt() @Min(1) @Max(3600) HEARTBEAT_TIMEOUT_SECONDS: number = 30;
}
