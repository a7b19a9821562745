import type { ConnectionDto, OwnerConnectionSummary } from '@agentry/contracts';
import type { ConnectionEntity } from './entities/connection.entity.js';

/** Whitelists what leaves the service: never the credentials, encrypted or not. */
export function toConnectionDto(connection: ConnectionEntity): ConnectionDto {
  return {
    id: connection.id, object: 'connection', provider: connection.provider, label: connection.label,
    endUserId: connection.endUserId, userId: connection.userId, createdAt: connection.createdAt.toISOString(),
  };
}

export function toOwnerConnectionSummary(connection: ConnectionEntity): OwnerConnectionSummary {
  return { id: connection.id, provider: connection.provider, label: connection.label };
}
