import { appError, type AppError, type InvitationDto, type InvitationStatus } from '@agentry/contracts';
import type { InvitationEntity } from './entities/invitation.entity.js';

export function invitationStatus(invitation: InvitationEntity, now = Date.now()): InvitationStatus {
  if (invitation.acceptedAt) return 'accepted';
  if (invitation.revokedAt) return 'revoked';
  return invitation.expiresAt.getTime() <= now ? 'expired' : 'pending';
}

/** Why an invitation can no longer be used (410), or null while it is pending. */
export function unusable(invitation: InvitationEntity): AppError | null {
  const status = invitationStatus(invitation);
  if (status === 'expired') return appError(410, 'invitation_expired', 'This invitation has expired; ask for a new one.');
  if (status !== 'pending') return appError(410, 'invitation_used', 'This invitation was already used or revoked.');
  return null;
}

export function toInvitationDto(invitation: InvitationEntity): InvitationDto {
  return {
    id: invitation.id, object: 'invitation', orgId: invitation.orgId, email: invitation.email, role: invitation.role,
    status: invitationStatus(invitation), invitedBy: invitation.invitedBy, expiresAt: invitation.expiresAt.toISOString(),
    createdAt: invitation.createdAt.toISOString(), acceptedAt: invitation.acceptedAt?.toISOString() ?? null,
    revokedAt: invitation.revokedAt?.toISOString() ?? null,
  };
}
