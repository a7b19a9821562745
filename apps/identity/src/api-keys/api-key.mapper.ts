import type { ApiKeyDto, AuthenticatedApiKeyReply } from '@agentry/contracts';
import type { ApiKeyEntity } from './entities/api-key.entity.js';

const MINUTE_MS = 60_000;

/** Whitelists what leaves the service: never the key hash. `lastUsedAt` is shown at minute resolution. */
export function toApiKeyDto(key: ApiKeyEntity): ApiKeyDto {
  return {
    id: key.id, object: 'api_key', name: key.name, prefix: key.prefix, scopes: [...key.scopes], applicationId: key.applicationId,
    createdBy: key.createdBy, createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt ? new Date(Math.floor(key.lastUsedAt.getTime() / MINUTE_MS) * MINUTE_MS).toISOString() : null,
    expiresAt: key.expiresAt?.toISOString() ?? null, revokedAt: key.revokedAt?.toISOString() ?? null,
  };
}

export function toAuthenticatedApiKey(key: ApiKeyEntity): AuthenticatedApiKeyReply {
  return {
    apiKeyId: key.id, orgId: key.orgId, applicationId: key.applicationId, scopes: [...key.scopes], createdBy: key.createdBy,
    expiresAt: key.expiresAt?.toISOString() ?? null,
  };
}
