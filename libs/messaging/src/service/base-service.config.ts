import { envBoolean } from '@agentry/observability';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

/** What every service reads from its environment. Services extend it with their own settings. */
export class BaseServiceConfig {
  /** `production` refuses development secrets, placeholders and private-address flags (see production-guard). */
  @IsIn(['development', 'production']) AGENTRY_ENV: 'development' | 'production' = 'development';
  @IsString() DATABASE_URL: string = 'postgres://postgres@127.0.0.1:5432/agentry';
  @IsString() NATS_URL: string = 'nats://127.0.0.1:4222';
  /** Prefix for subjects and streams; empty in production, unique per test run. */
  @IsOptional() @Matches(/^[a-z0-9_-]*$/i) NATS_NAMESPACE: string = '';
  /** Port of /healthz, /readyz and /metrics; 0 picks a free one. */
  @IsInt() @Min(0) @Max(65535) HEALTH_PORT: number = 0;
  @IsString() HEALTH_HOST: string = '0.0.0.0';
  @IsIn(['fatal', 'error', 'warn', 'log', 'debug', 'verbose']) LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'log' | 'debug' | 'verbose' = 'log';
  @Transform(envBoolean) @IsBoolean() MIGRATE_ON_START: boolean = true;
  @IsInt() @Min(1) @Max(200) DB_POOL_SIZE: number = 10;
  @IsInt() @Min(50) @Max(120_000) RPC_TIMEOUT_MS: number = 5000;
  /** Copies of each JetStream stream; at most the cluster's JetStream servers (3 in production). */
  @IsInt() @Min(1) @Max(5) JETSTREAM_REPLICAS: number = 1;
}
