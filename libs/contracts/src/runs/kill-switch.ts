import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { IsPrefixedId } from '../ids.js';
import { AGENT_REF_MAX_LENGTH } from './validators.js';

/** `PUT /orgs/{orgId}/kill-switch` and `PUT /admin/kill-switch`. */
/** The org comes from the request context; GET and DELETE take no payload. */
export class EngageKillSwitchRequest {
  @IsString() @Length(1, 500) reason!: string;
}

export type KillSwitchScope = 'org' | 'platform';

export interface KillSwitchDto {
  object: 'kill_switch';
  scope: KillSwitchScope;
  /** Null for the platform switch. */
  orgId: string | null;
  engaged: boolean;
  reason: string | null;
  engagedAt: string | null;
  /** The principal (usr_ or key_) that engaged it. */
  engagedBy: string | null;
  /** On engage: how many queued and running runs it cancelled. */
  cancelledRuns?: number;
}

export const CANCELLABLE_STATUSES = ['queued', 'running'] as const;

/** `POST /runs/cancel`: every live run of the caller's application (or end-user) matching all the filters. */
export class CancelRunsRequest {
  /** The agent's `agt_` id or slug. */
  @IsOptional() @IsString() @Length(1, AGENT_REF_MAX_LENGTH) agentId?: string;
  @IsOptional() @IsString() @IsPrefixedId('eu') endUserId?: string;
  @IsOptional() @IsIn(CANCELLABLE_STATUSES) status?: (typeof CANCELLABLE_STATUSES)[number];
  @IsOptional() @IsString() @Length(1, 500) reason?: string;
}

/** `matched`: live runs matching the filters; `cancelled`: those this request cancelled (others ended meanwhile). */
export interface CancelRunsReply {
  object: 'run_cancellation';
  matched: number;
  cancelled: number;
}
