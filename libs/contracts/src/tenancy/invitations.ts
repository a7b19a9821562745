import { IsString, Length, MaxLength } from 'class-validator';
import { OrgListQuery, OrgPathParams } from './common.js';

/** Invitations expire this long after they are made. */
export const INVITATION_TTL_DAYS = 7;

/** `POST /orgs/{orgId}/invitations`: a built-in role other than owner, or a custom role id. */
export class CreateInvitationRequest extends OrgPathParams {
  /** Canonicalized like signup's (trimmed, NFC, lower-case), so the invitee's account matches. */
  @IsString() @MaxLength(320) email!: string;
  @IsString() @Length(1, 64) role!: string;
}

export class ListInvitationsRequest extends OrgListQuery {}

/** `DELETE /orgs/{orgId}/invitations/{id}` */
export class InvitationIdRequest extends OrgPathParams {
  @IsString() @MaxLength(64) id!: string;
}

/** `GET /invitations/{token}` (public) and `POST /invitations/{token}/accept` (session). */
export class InvitationTokenRequest {
  @IsString() @Length(1, 128) token!: string;
}

export type InvitationStatus = 'pending' | 'accepted' | 'revoked' | 'expired';

export interface InvitationDto {
  id: string;
  object: 'invitation';
  orgId: string;
  email: string;
  role: string;
  status: InvitationStatus;
  invitedBy: string;
  expiresAt: string;
  createdAt: string;
  acceptedAt: string | null;
  revokedAt: string | null;
}

/** On create only: the secret the invitee accepts with (stored as a SHA-256 hash). */
export interface InvitationWithTokenDto extends InvitationDto {
  token: string;
}

/** What anyone holding the token may see before accepting. */
export interface InvitationPreviewDto {
  object: 'invitation_preview';
  orgName: string;
  role: string;
  email: string;
  expiresAt: string;
}
