import { IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { OrgPathParams } from './common.js';

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

/** `PATCH /orgs/{orgId}/members/{userId}`: `role` is a built-in role other than owner, or a custom role id. */
export class UpdateMemberRequest extends OrgPathParams {
  @IsString() @MaxLength(64) userId!: string;
  @IsString() @Length(1, 64) role!: string;
}

/** `DELETE /orgs/{orgId}/members/{userId}` */
export class MemberRefRequest extends OrgPathParams {
  @IsString() @MaxLength(64) userId!: string;
}

/** `POST /orgs/{orgId}/transfer`: the member who becomes the owner; the caller becomes an admin. */
export class TransferOrgRequest extends OrgPathParams {
  @IsString() @MaxLength(64) userId!: string;
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
  reason: 'member_added' | 'member_updated' | 'member_removed' | 'role_changed' | 'org_deleted' | 'application_deleted' | 'settings_updated';
}
