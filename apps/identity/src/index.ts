import type { ServiceDefinition } from '@agentry/messaging';
import { ApiKeyEntity } from './api-keys/entities/api-key.entity.js';
import { IdentityConfig } from './config/identity.config.js';
import { ConnectionEntity } from './connections/entities/connection.entity.js';
import { identityMigrations } from './database/migrations/index.js';
import { EndUserEntity } from './end-users/entities/end-user.entity.js';
import { ImpersonationEntity } from './impersonations/entities/impersonation.entity.js';
import { IdentityModule } from './identity.module.js';
import { SessionEntity } from './sessions/entities/session.entity.js';
import { UserEntity } from './users/entities/user.entity.js';

export { IdentityConfig };

export const identityService: ServiceDefinition<IdentityConfig> = {
  name: 'identity',
  schema: 'identity',
  module: IdentityModule,
  configClass: IdentityConfig,
  entities: [UserEntity, SessionEntity, ApiKeyEntity, EndUserEntity, ConnectionEntity, ImpersonationEntity],
  migrations: identityMigrations,
};
export { totpCode, totpStep } from './two-factor/totp.js';
