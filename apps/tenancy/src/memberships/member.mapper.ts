import type { MemberDto, MemberEventData, UserDto } from '@agentry/contracts';
import type { MembershipEntity } from './entities/membership.entity.js';

export function toMemberDto(membership: MembershipEntity, user: UserDto | undefined): MemberDto {
  return {
    object: 'member', userId: membership.userId, role: membership.role, joinedAt: membership.createdAt.toISOString(),
    user: user ? { email: user.email, name: user.name } : null,
  };
}

export function toMemberEventData(membership: MembershipEntity): MemberEventData {
  return { object: 'member', orgId: membership.orgId, userId: membership.userId, role: membership.role, joinedAt: membership.createdAt.toISOString() };
}
