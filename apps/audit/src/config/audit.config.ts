import { BaseServiceConfig } from '@agentry/messaging';
import { IsInt, IsString, Max, Min, MinLength } from 'class-validator';

export class AuditConfig extends BaseServiceConfig {
  /** Signs list cursors. */
  @IsString() @MinLength(16) CURSOR_SECRET: string = 'dev-cursor-secret-change-me';
  /** How often records past their org's retention are removed; 0 turns the sweep off. */
  @IsInt() @Min(0) @Max(86_400_000) AUDIT_RETENTION_SWEEP_MS: number = 3_600_000;
}
