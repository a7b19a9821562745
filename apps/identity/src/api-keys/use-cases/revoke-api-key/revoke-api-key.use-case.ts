import { auditFromContext, Errors, isId, requireApplication, type ApiKeyDto, type RequestContext } from '@agentry/contracts';
import { OutboxWriter } from '@agentry/messaging';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IdentityBroadcasts } from '../../../common/identity-broadcasts.js';
import { toApiKeyDto } from '../../api-key.mapper.js';
import { ApiKeysRepository } from '../../api-keys.repository.js';
import type { ApiKeyEntity } from '../../entities/api-key.entity.js';

/**
 * Revokes a key (idempotent: revoking a revoked key answers it unchanged). The event is written
 * with the change; the broadcast to the gateways leaves only after commit.
 */
@Injectable()
export class RevokeApiKey {
  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: ApiKeysRepository,
    private readonly outbox: OutboxWriter,
    private readonly broadcasts: IdentityBroadcasts,
  ) {}

  async execute(ctx: RequestContext, id: string): Promise<ApiKeyDto> {
    const scope = requireApplication(ctx);
    if (!isId('key', id)) throw Errors.notFound('API key');
    const key = await this.dataSource.transaction(async (manager): Promise<ApiKeyEntity> => {
      const found = await this.keys.findForUpdate(manager, scope, id);
      if (!found) throw Errors.notFound('API key');
      if (found.revokedAt) return found;
      found.revokedAt = new Date();
      await this.keys.markRevoked(manager, scope, found.id, found.revokedAt);
      await this.outbox.addEvent(manager, {
        type: 'api_key.revoked', orgId: scope.orgId, applicationId: scope.applicationId, data: toApiKeyDto(found),
        audit: auditFromContext(ctx, 'api_key.revoke', { type: 'api_key', id: found.id }), traceparent: ctx.traceparent,
      });
      return found;
    });
    // Also re-sent for an already revoked key: harmless, and it heals a gateway that missed the first.
    this.broadcasts.apiKeyRevoked({ apiKeyId: key.id, keyHash: key.keyHash });
    return toApiKeyDto(key);
  }
}
