import type { ServiceDefinition } from '@agentry/messaging';
import { IdentityConfig } from './config/identity.config.js';
import { identityMigrations } from './database/migrations/index.js';
import { IdentityModule } from './identity.module.js';
import { SessionEntity } from './sessions/entities/session.entity.js';
import { UserEntity } from './users/entities/user.entity.js';

export { IdentityConfig };

export const identityService: ServiceDefinition<IdentityConfig> = {
  name: 'identity',
  schema: 'identity',
  module: IdentityModule,
  configClass: IdentityConfig,
  entities: [UserEntity, SessionEntity],
  migrations: identityMigrations,
};
