import type { ImpersonationDto } from '@agentry/contracts';
import type { ImpersonationEntity } from './entities/impersonation.entity.js';

export function toImpersonationDto(i: ImpersonationEntity): ImpersonationDto {
  return {
    id: i.id, object: 'impersonation', userId: i.targetUserId, impersonatorUserId: i.adminUserId, reason: i.reason,
    createdAt: i.createdAt.toISOString(), expiresAt: i.expiresAt.toISOString(), endedAt: i.endedAt?.toISOString() ?? null,
  };
}
