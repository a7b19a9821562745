import { Module } from '@nestjs/common';
import { CommonModule } from '../common/common.module.js';
import { ConnectionsController } from './connections.controller.js';
import { ConnectionsRepository } from './connections.repository.js';
import { ConnectionsForOwner } from './use-cases/connections-for-owner/connections-for-owner.use-case.js';
import { CreateConnection } from './use-cases/create-connection/create-connection.use-case.js';
import { DeleteConnection } from './use-cases/delete-connection/delete-connection.use-case.js';
import { ListConnections } from './use-cases/list-connections/list-connections.use-case.js';

@Module({
  imports: [CommonModule],
  controllers: [ConnectionsController],
  providers: [ConnectionsRepository, CreateConnection, ListConnections, DeleteConnection, ConnectionsForOwner],
  exports: [ConnectionsRepository],
})
export class ConnectionsModule {}
