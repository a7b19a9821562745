import { API_KEY_GRANTABLE_PERMISSIONS, Subjects, type RequestContext } from '@agentry/contracts';
import { Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { Context, JsonBody } from '../../core/context.decorator.js';
import { Requires } from '../../core/route-metadata.js';
import { Services } from '../../core/services.client.js';

const S = Subjects.identity;

/** Keys are managed from dashboard sessions only (api-keys:* is never grantable to a key). */
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly services: Services) {}

  @Get() @Requires('api-keys:read', { sessionOnly: true, outsideOrgLimit: true })
  list(@Context() ctx: RequestContext, @Query() query: Record<string, string>) {
    return this.services.call(S.listApiKeys, ctx, query);
  }

  @Post() @HttpCode(201) @Requires('api-keys:create', { sessionOnly: true })
  create(@Context() ctx: RequestContext, @JsonBody() body: unknown) {
    return this.services.call(S.createApiKey, ctx, body);
  }

  /** The scopes the caller may put on a key: grantable ones within their own permissions. */
  @Get('available-scopes') @Requires('api-keys:create', { sessionOnly: true })
  availableScopes(@Context() ctx: RequestContext) {
    const mine = new Set(ctx.permissions);
    return { object: 'list', data: API_KEY_GRANTABLE_PERMISSIONS.filter((p) => mine.has(p)), hasMore: false, nextCursor: null };
  }

  @Get(':id') @Requires('api-keys:read', { sessionOnly: true })
  get(@Context() ctx: RequestContext, @Param('id') id: string) {
    return this.services.call(S.getApiKey, ctx, { id });
  }

  @Delete(':id') @Requires('api-keys:revoke', { sessionOnly: true, outsideOrgLimit: true })
  revoke(@Context() ctx: RequestContext, @Param('id') id: string) {
    return this.services.call(S.revokeApiKey, ctx, { id });
  }
}
