import { BaseServiceConfig } from '@agentry/messaging';
import { IsString, MinLength } from 'class-validator';

export class IdentityConfig extends BaseServiceConfig {
  /** Signs list cursors. */
  @IsString() @MinLength(16) CURSOR_SECRET = 'dev-cursor-secret-change-me';
  /** Base64 32-byte keys, comma-separated, newest first: the key ring for connection credentials. */
  @IsString() @MinLength(44) CREDENTIALS_KEYS = 'ZGV2LWNyZWRlbnRpYWxzLWtleS0wMDAwMDAwMDAwMDA=';
}
