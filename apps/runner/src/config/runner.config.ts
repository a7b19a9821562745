import { BaseServiceConfig } from '@agentry/messaging';
import { envBoolean } from '@agentry/observability';
import { Transform, type TransformFnParams } from 'class-transformer';
import { IsBoolean, IsInt, Max, Min } from 'class-validator';

/**
 * Reads the raw environment string: with loadConfig's implicit conversion, the already-converted
 * `value` of "false" is `true` (Boolean("false")), so `@Transform(envBoolean)` alone cannot see it.
 */
const envFlag = ({ obj, key }: TransformFnParams): boolean => envBoolean({ value: (obj as Record<string, unknown>)[key] });

export class RunnerConfig extends BaseServiceConfig {
  /** Redeclared to read "false" as false (see envFlag); deployments set it to false. */
  @Transform(envFlag) @IsBoolean() override MIGRATE_ON_START: boolean = true;
  /** Runs this runner executes at once; further jobs wait in JetStream for any runner. */
  @IsInt() @Min(1) @Max(1000) RUNNER_CONCURRENCY: number = 8;
  /**
   * At most this many of one org's runs at once on this runner, so one org cannot take every slot
   * and starve the others; 0 means RUNNER_CONCURRENCY - 2 (at least 1). Jobs beyond it wait in JetStream.
   */
  @IsInt() @Min(0) @Max(1000) RUNNER_MAX_RUNS_PER_ORG: number = 0;
  /**
   * The last this-many free slots go only to orgs with no run on this runner yet, so even several
   * busy orgs (one tenant's many orgs) leave room for a newcomer. 0 turns it off.
   */
  @IsInt() @Min(0) @Max(1000) RUNNER_RESERVED_SLOTS: number = 2;
  /** Lets `http` agents target loopback, private and link-local addresses (development and tests only). */
  @Transform(envFlag) @IsBoolean() RUNNER_ALLOW_PRIVATE_URLS: boolean = false;
  /** Lets `command` agents start local processes. Off by default: it runs tenant-supplied commands. */
  @Transform(envFlag) @IsBoolean() RUNNER_ALLOW_COMMAND: boolean = false;
  /** Heartbeat period; the runs service times a run out after 30 s without one. */
  @IsInt() @Min(100) @Max(20_000) RUNNER_HEARTBEAT_MS: number = 5000;
  /** Deadline of the connections request to identity; past it the run fails. */
  @IsInt() @Min(50) @Max(30_000) RUNNER_CONNECTIONS_TIMEOUT_MS: number = 3000;
  /** On shutdown, how long running runs may finish before they are aborted. */
  @IsInt() @Min(0) @Max(600_000) RUNNER_SHUTDOWN_GRACE_MS: number = 10_000;
}
