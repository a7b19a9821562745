import { Module } from '@nestjs/common';
import { CommonModule } from '../common/common.module.js';
import { ApiKeysController } from './api-keys.controller.js';
import { ApiKeysRepository } from './api-keys.repository.js';
import { AuthenticateApiKey } from './use-cases/authenticate-api-key/authenticate-api-key.use-case.js';
import { CreateApiKey } from './use-cases/create-api-key/create-api-key.use-case.js';
import { GetApiKey } from './use-cases/get-api-key/get-api-key.use-case.js';
import { ListApiKeys } from './use-cases/list-api-keys/list-api-keys.use-case.js';
import { RevokeApiKey } from './use-cases/revoke-api-key/revoke-api-key.use-case.js';

@Module({
  imports: [CommonModule],
  controllers: [ApiKeysController],
  providers: [ApiKeysRepository, CreateApiKey, ListApiKeys, GetApiKey, RevokeApiKey, AuthenticateApiKey],
})
export class ApiKeysModule {}
