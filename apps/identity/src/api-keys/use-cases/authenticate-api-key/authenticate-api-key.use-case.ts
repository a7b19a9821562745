import { hashApiKey, isWellFormedApiKey, type AuthenticatedApiKeyReply } from '@agentry/contracts';
import { Injectable } from '@nestjs/common';
import { invalidApiKey } from '../../api-key.errors.js';
import { toAuthenticatedApiKey } from '../../api-key.mapper.js';
import { ApiKeysRepository } from '../../api-keys.repository.js';

/** The gateway's key check. Malformed, unknown, expired and revoked keys all get the same 401. */
@Injectable()
export class AuthenticateApiKey {
  constructor(private readonly keys: ApiKeysRepository) {}

  async execute(secret: string): Promise<AuthenticatedApiKeyReply> {
    if (!isWellFormedApiKey(secret)) throw invalidApiKey();
    const key = await this.keys.findByHash(hashApiKey(secret));
    if (!key || key.revokedAt || (key.expiresAt && key.expiresAt.getTime() <= Date.now())) throw invalidApiKey();
    await this.keys.touchLastUsed(key.id);
    return toAuthenticatedApiKey(key);
  }
}
