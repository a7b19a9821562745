import type { EndUserDto } from '@agentry/contracts';
import type { EndUserEntity } from './entities/end-user.entity.js';

export function toEndUserDto(endUser: EndUserEntity): EndUserDto {
  return {
    id: endUser.id, object: 'end_user', applicationId: endUser.applicationId, externalId: endUser.externalId, email: endUser.email,
    name: endUser.name, metadata: { ...endUser.metadata }, createdAt: endUser.createdAt.toISOString(), updatedAt: endUser.updatedAt.toISOString(),
  };
}
