import { BaseServiceConfig } from '@agentry/messaging';
import { IsInt, IsString, Matches, Max, Min, MinLength } from 'class-validator';

export class IdentityConfig extends BaseServiceConfig {
  /** Signs list cursors. */
  @IsString() @MinLength(16) CURSOR_SECRET: string = 'dev-cursor-secret-change-me';
  /**
   * Base64 32-byte keys, comma-separated, newest first: the key ring for connection credentials.
   * Rotate by prepending a new key; keep the old ones while rows still use them.
   */
  @Matches(/^[A-Za-z0-9+/]{43}=(,[A-Za-z0-9+/]{43}=)*$/, { message: 'CREDENTIALS_KEYS must be comma-separated base64 32-byte keys' })
  CREDENTIALS_KEYS: string = 'ZGV2LWNyZWRlbnRpYWxzLWtleS0wMDAwMDAwMDAwMDA=';
  /** Failed logins for one email from one client IP within the window before login answers 429 there. */
  @IsInt() @Min(1) @Max(1000) LOGIN_MAX_FAILURES: number = 5;
  /** Failed logins for one email from all IPs together within the window before login answers 429 everywhere. */
  @IsInt() @Min(1) @Max(100_000) LOGIN_MAX_FAILURES_PER_EMAIL: number = 50;
  @IsInt() @Min(1) @Max(86_400) LOGIN_FAILURE_WINDOW_SECONDS: number = 900;
}
