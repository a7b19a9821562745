import { AuthenticateApiKeyRequest, CreateApiKeyRequest, IdentityIdRequest, IdentityListQuery, Subjects, type RequestContext } from '@agentry/contracts';
import { Ctx, Data, Rpc } from '@agentry/messaging';
import { Controller } from '@nestjs/common';
import { AuthenticateApiKey } from './use-cases/authenticate-api-key/authenticate-api-key.use-case.js';
import { CreateApiKey } from './use-cases/create-api-key/create-api-key.use-case.js';
import { GetApiKey } from './use-cases/get-api-key/get-api-key.use-case.js';
import { ListApiKeys } from './use-cases/list-api-keys/list-api-keys.use-case.js';
import { RevokeApiKey } from './use-cases/revoke-api-key/revoke-api-key.use-case.js';

@Controller()
export class ApiKeysController {
  constructor(
    private readonly createApiKey: CreateApiKey,
    private readonly listApiKeys: ListApiKeys,
    private readonly getApiKey: GetApiKey,
    private readonly revokeApiKey: RevokeApiKey,
    private readonly authenticateApiKey: AuthenticateApiKey,
  ) {}

  @Rpc(Subjects.identity.createApiKey)
  create(@Ctx() ctx: RequestContext, @Data(CreateApiKeyRequest) input: CreateApiKeyRequest) {
    return this.createApiKey.execute(ctx, input);
  }

  @Rpc(Subjects.identity.listApiKeys)
  list(@Ctx() ctx: RequestContext, @Data(IdentityListQuery) query: IdentityListQuery) {
    return this.listApiKeys.execute(ctx, query);
  }

  @Rpc(Subjects.identity.getApiKey)
  get(@Ctx() ctx: RequestContext, @Data(IdentityIdRequest) input: IdentityIdRequest) {
    return this.getApiKey.execute(ctx, input.id);
  }

  @Rpc(Subjects.identity.revokeApiKey)
  revoke(@Ctx() ctx: RequestContext, @Data(IdentityIdRequest) input: IdentityIdRequest) {
    return this.revokeApiKey.execute(ctx, input.id);
  }

  @Rpc(Subjects.identity.authenticateApiKey)
  authenticate(@Data(AuthenticateApiKeyRequest) input: AuthenticateApiKeyRequest) {
    return this.authenticateApiKey.execute(input.key);
  }
}
