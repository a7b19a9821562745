import type { SessionDto } from '@agentry/contracts';
import type { SessionEntity } from './entities/session.entity.js';

/** Never the token hash. */
export function toSessionDto(session: SessionEntity, currentSessionId: string | undefined): SessionDto {
  return {
    id: session.id, object: 'session', createdAt: session.createdAt.toISOString(), lastSeenAt: session.lastSeenAt.toISOString(),
    expiresAt: session.expiresAt.toISOString(), ip: session.ip, userAgent: session.userAgent, current: session.id === currentSessionId,
  };
}
