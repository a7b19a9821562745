import { BaseServiceConfig } from '@agentry/messaging';
import { envBoolean } from '@agentry/observability';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsString, Matches, Max, Min, MinLength } from 'class-validator';

/** 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, 14 h, 20 h, 24 h: eleven attempts over about 3.6 days. */
export const DEFAULT_RETRY_SCHEDULE_MS = '5000,300000,1800000,7200000,18000000,36000000,36000000,50400000,72000000,86400000';

export class WebhooksConfig extends BaseServiceConfig {
  /** Signs list cursors. */
  @IsString() @MinLength(16) CURSOR_SECRET: string = 'dev-cursor-secret-change-me';
  /** Development and tests only: accept loopback, private, link-local and metadata targets. Production leaves it false. */
  @Transform(envBoolean) @IsBoolean() WEBHOOKS_ALLOW_PRIVATE_TARGETS: boolean = false;
  /** Base64 32-byte keys, comma-separated, newest first: endpoint signing secrets are stored under AES-256-GCM. */
  @IsString() @MinLength(44) WEBHOOKS_SECRET_KEYS: string = 'ZGV2LXdlYmhvb2stc2VjcmV0cy1rZXktMDAwMDAwMDA=';
  /** Delay before each retry, in ms, comma-separated; once exhausted the message is failed. */
  @IsString() @Matches(/^\d+(,\d+)*$/) WEBHOOKS_RETRY_SCHEDULE_MS: string = DEFAULT_RETRY_SCHEDULE_MS;
  /** Deadline of one delivery attempt (connect, send, response headers). */
  @IsInt() @Min(100) @Max(60_000) WEBHOOKS_DELIVERY_TIMEOUT_MS: number = 10_000;
  /** How often the dispatcher looks for due messages (new ones are dispatched at once). */
  @IsInt() @Min(10) @Max(60_000) WEBHOOKS_DISPATCH_INTERVAL_MS: number = 500;
  @IsInt() @Min(1) @Max(1000) WEBHOOKS_DISPATCH_BATCH: number = 100;
  /** Endpoints delivered to in parallel by one replica (one endpoint's messages go in order). */
  @IsInt() @Min(1) @Max(256) WEBHOOKS_DISPATCH_CONCURRENCY: number = 16;
  /** An endpoint that keeps failing this long is disabled (`disabledReason: "failing"`). */
  @IsInt() @Min(1000) WEBHOOKS_DISABLE_AFTER_FAILING_MS: number = 5 * 24 * 3600 * 1000;
}
