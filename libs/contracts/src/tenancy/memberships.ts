import { IsOptional, IsString, MaxLength } from 'class-validator';

/** GET /orgs/{orgId}/members: see OrgListQuery. */
export interface MemberDto {
  object: 'member';
  userId: string;
  /** A built-in role name (`owner`, `admin`, `member`, `viewer`) or a custom role id (`role_…`). */
  role: string;
  joinedAt: string;
  /** From identity; null when the user no longer exists there. */
  user: { email: string; name: string } | null;
}

/** The `data` of `member.added` / `member.removed` events. */
export interface MemberEventData {
  object: 'member';
  orgId: string;
  userId: string;
  role: string;
  joinedAt: string;
}

/**
 * Gateway → tenancy on every authenticated request it has not cached: is this user a member of
 * the org, with which permissions, in which application. Unknown/foreign ids → 404 `not_found`.
 */
export class ResolveMembershipRequest {
  @IsString() @MaxLength(64) userId!: string;
  @IsString() @MaxLength(64) orgId!: string;
  /** Omitted → the org's default application. */
  @IsOptional() @IsString() @MaxLength(64) applicationId?: string;
}

export interface MembershipResolution {
  orgId: string;
  userId: string;
  role: string;
  permissions: string[];
  applicationId: string;
  apiVersion: string;
}

/** GET /me: the orgs a user belongs to. */
export class ListMembershipsRequest {
  @IsString() @MaxLength(64) userId!: string;
}

export interface MembershipSummary {
  orgId: string;
  orgName: string;
  role: string;
}

export interface ListMembershipsReply {
  data: MembershipSummary[];
}

/**
 * Core NATS broadcast on `Subjects.broadcast.membershipChanged` (after commit) when a cached
 * membership resolution may be stale: drop cache entries of `orgId` (only of `userId` when set).
 */
/** `Subjects.broadcast.quotasChanged`: the org's quotas were updated. */
export interface QuotasChangedBroadcast {
  orgId: string;
}

export interface MembershipChangedBroadcast {
  orgId: string;
  userId?: string;
  reason: 'member_added' | 'application_deleted' | 'settings_updated';
}
