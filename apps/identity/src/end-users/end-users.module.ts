import { Module } from '@nestjs/common';
import { CommonModule } from '../common/common.module.js';
import { ConnectionsModule } from '../connections/connections.module.js';
import { EndUsersController } from './end-users.controller.js';
import { EndUsersRepository } from './end-users.repository.js';
import { CreateEndUser } from './use-cases/create-end-user/create-end-user.use-case.js';
import { DeleteEndUser } from './use-cases/delete-end-user/delete-end-user.use-case.js';
import { GetEndUser } from './use-cases/get-end-user/get-end-user.use-case.js';
import { ListEndUsers } from './use-cases/list-end-users/list-end-users.use-case.js';
import { ResolveEndUser } from './use-cases/resolve-end-user/resolve-end-user.use-case.js';
import { UpdateEndUser } from './use-cases/update-end-user/update-end-user.use-case.js';

@Module({
  imports: [CommonModule, ConnectionsModule],
  controllers: [EndUsersController],
  providers: [EndUsersRepository, CreateEndUser, ListEndUsers, GetEndUser, UpdateEndUser, DeleteEndUser, ResolveEndUser],
})
export class EndUsersModule {}
