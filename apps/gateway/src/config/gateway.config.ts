import { envBoolean } from '@agentry/observability';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';

export class GatewayConfig {
  /** `production` refuses development secrets, placeholders and private-address flags (see production-guard). */
  @IsIn(['development', 'production']) AGENTRY_ENV: 'development' | 'production' = 'development';
  @IsInt() @Min(0) @Max(65535) PORT: number = 3000;
  @IsString() HOST: string = '0.0.0.0';
  @IsString() DATABASE_URL: string = 'postgres://postgres@127.0.0.1:5432/agentry';
  @IsString() NATS_URL: string = 'nats://127.0.0.1:4222';
  @IsOptional() @Matches(/^[a-z0-9_-]*$/i) NATS_NAMESPACE: string = '';
  /** Rate limits live in Redis when set (shared by every gateway replica), in memory otherwise. */
  @IsOptional() @IsString() REDIS_URL?: string;
  @IsIn(['fatal', 'error', 'warn', 'log', 'debug', 'verbose']) LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'log' | 'debug' | 'verbose' = 'log';
  @Transform(envBoolean) @IsBoolean() MIGRATE_ON_START: boolean = true;
  @IsInt() @Min(1) @Max(200) DB_POOL_SIZE: number = 10;
  /** Deadline of every RPC to a service; past it the client gets 504 with the request id. */
  @IsInt() @Min(50) @Max(120_000) RPC_TIMEOUT_MS: number = 5000;
  /** Copies of each JetStream stream; at most the cluster's JetStream servers (3 in production). */
  @IsInt() @Min(1) @Max(5) JETSTREAM_REPLICAS: number = 1;
  @IsInt() @Min(1024) BODY_LIMIT_BYTES: number = 1024 * 1024;
  /** Comma-separated proxy addresses/CIDRs whose X-Forwarded-For is trusted; empty trusts none. */
  @IsString() TRUSTED_PROXIES: string = '';
  /** Comma-separated user ids holding platform:* permissions (emails too, in development only: signup does not verify them). */
  @IsString() PLATFORM_ADMINS: string = '';
  @Transform(envBoolean) @IsBoolean() COOKIE_SECURE: boolean = false;
  /** How long a verified API key or session is trusted without asking identity/tenancy again. Revocation is broadcast. */
  @IsInt() @Min(0) @Max(300_000) AUTH_CACHE_TTL_MS: number = 30_000;
  @IsInt() @Min(1) PER_KEY_REQUESTS_PER_MINUTE: number = 6000;
  @IsInt() @Min(1) PER_END_USER_REQUESTS_PER_MINUTE: number = 600;
  @IsInt() @Min(1) PER_IP_AUTH_REQUESTS_PER_MINUTE: number = 30;
  /** Open live event streams (SSE) per API key or user on this gateway; more answer 429. */
  @IsInt() @Min(1) @Max(10_000) MAX_STREAMS_PER_PRINCIPAL: number = 25;
  @IsString() @MinLength(16) IDEMPOTENCY_SECRET: string = 'dev-idempotency-secret-change-me';
}
