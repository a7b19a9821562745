import { requireApplication, type ApiKeyDto, type IdentityListQuery, type ListReply, type RequestContext } from '@agentry/contracts';
import { cursorScope } from '@agentry/persistence';
import { Injectable } from '@nestjs/common';
import { ListCursors } from '../../../common/list-cursors.js';
import { toApiKeyDto } from '../../api-key.mapper.js';
import { ApiKeysRepository } from '../../api-keys.repository.js';

/** The application's keys, revoked ones included (they show `revokedAt`), newest first. */
@Injectable()
export class ListApiKeys {
  constructor(private readonly keys: ApiKeysRepository, private readonly cursors: ListCursors) {}

  async execute(ctx: RequestContext, query: IdentityListQuery): Promise<ListReply<ApiKeyDto>> {
    const scope = requireApplication(ctx);
    const listScope = cursorScope('api_keys', { ...scope });
    const page = this.cursors.request(listScope, query);
    return this.cursors.reply(listScope, page, await this.keys.list(scope, page), toApiKeyDto);
  }
}
