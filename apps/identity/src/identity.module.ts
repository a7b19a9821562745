import { Module } from '@nestjs/common';
import { ApiKeysModule } from './api-keys/api-keys.module.js';
import { ConnectionsModule } from './connections/connections.module.js';
import { EndUsersModule } from './end-users/end-users.module.js';
import { UsersModule } from './users/users.module.js';

@Module({ imports: [UsersModule, ApiKeysModule, EndUsersModule, ConnectionsModule] })
export class IdentityModule {}
