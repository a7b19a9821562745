import { BaseServiceConfig } from '@agentry/messaging';
import { IsString, MinLength } from 'class-validator';

export class AuditConfig extends BaseServiceConfig {
  /** Signs list cursors. */
  @IsString() @MinLength(16) CURSOR_SECRET: string = 'dev-cursor-secret-change-me';
}
