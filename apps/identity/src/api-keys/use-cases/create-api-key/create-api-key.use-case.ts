import {
  apiKeyDisplayPrefix, auditFromContext, Errors, generateApiKeySecret, hashApiKey, newId, requireApplication,
  type CreateApiKeyRequest, type CreatedApiKeyDto, type RequestContext,
} from '@agentry/contracts';
import { OutboxWriter } from '@agentry/messaging';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { requireSessionUser } from '../../../common/principal.js';
import { toApiKeyDto } from '../../api-key.mapper.js';
import { ApiKeysRepository } from '../../api-keys.repository.js';
import { ApiKeyEntity } from '../../entities/api-key.entity.js';
import { assertGrantableScopes } from '../../scopes.js';

/** Creates a key bound to the request's org and application; the secret is returned once and stored as its SHA-256. */
@Injectable()
export class CreateApiKey {
  constructor(private readonly dataSource: DataSource, private readonly keys: ApiKeysRepository, private readonly outbox: OutboxWriter) {}

  async execute(ctx: RequestContext, input: CreateApiKeyRequest): Promise<CreatedApiKeyDto> {
    const { orgId, applicationId } = requireApplication(ctx);
    const createdBy = requireSessionUser(ctx);
    const scopes = assertGrantableScopes(input.scopes, ctx.permissions);
    const expiresAt = futureDate(input.expiresAt);
    const secret = generateApiKeySecret();
    const key = Object.assign(new ApiKeyEntity(), {
      id: newId('key'), orgId, applicationId, name: input.name.trim(), prefix: apiKeyDisplayPrefix(secret),
      keyHash: hashApiKey(secret), scopes, createdBy, createdAt: new Date(), lastUsedAt: null, expiresAt, revokedAt: null,
    });
    const dto = toApiKeyDto(key);
    await this.dataSource.transaction(async (manager) => {
      await this.keys.insert(manager, key);
      await this.outbox.addEvent(manager, {
        type: 'api_key.created', orgId, applicationId, data: dto,
        audit: auditFromContext(ctx, 'api_key.create', { type: 'api_key', id: key.id }, { name: key.name, scopes }),
        traceparent: ctx.traceparent,
      });
    });
    return { ...dto, key: secret };
  }
}

function futureDate(iso: string | undefined): Date | null {
  if (iso === undefined) return null;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime()) || date.getTime() <= Date.now()) {
    throw Errors.validation([{ field: 'expiresAt', code: 'must_be_future', message: 'expiresAt must be a date-time in the future' }]);
  }
  return date;
}
