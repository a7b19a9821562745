import { Errors, isId, requireApplication, type ApiKeyDto, type RequestContext } from '@agentry/contracts';
import { Injectable } from '@nestjs/common';
import { toApiKeyDto } from '../../api-key.mapper.js';
import { ApiKeysRepository } from '../../api-keys.repository.js';

@Injectable()
export class GetApiKey {
  constructor(private readonly keys: ApiKeysRepository) {}

  async execute(ctx: RequestContext, id: string): Promise<ApiKeyDto> {
    const scope = requireApplication(ctx);
    const key = isId('key', id) ? await this.keys.findById(scope, id) : null;
    if (!key) throw Errors.notFound('API key');
    return toApiKeyDto(key);
  }
}
