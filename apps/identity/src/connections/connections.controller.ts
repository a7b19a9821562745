import { ConnectionsForOwnerRequest, CreateConnectionRequest, IdentityIdRequest, IdentityListQuery, Subjects, type RequestContext } from '@agentry/contracts';
import { Ctx, Data, Rpc } from '@agentry/messaging';
import { Controller } from '@nestjs/common';
import { ConnectionsForOwner } from './use-cases/connections-for-owner/connections-for-owner.use-case.js';
import { CreateConnection } from './use-cases/create-connection/create-connection.use-case.js';
import { DeleteConnection } from './use-cases/delete-connection/delete-connection.use-case.js';
import { ListConnections } from './use-cases/list-connections/list-connections.use-case.js';

@Controller()
export class ConnectionsController {
  constructor(
    private readonly createConnection: CreateConnection,
    private readonly listConnections: ListConnections,
    private readonly deleteConnection: DeleteConnection,
    private readonly connectionsForOwner: ConnectionsForOwner,
  ) {}

  @Rpc(Subjects.identity.createConnection)
  create(@Ctx() ctx: RequestContext, @Data(CreateConnectionRequest) input: CreateConnectionRequest) {
    return this.createConnection.execute(ctx, input);
  }

  @Rpc(Subjects.identity.listConnections)
  list(@Ctx() ctx: RequestContext, @Data(IdentityListQuery) query: IdentityListQuery) {
    return this.listConnections.execute(ctx, query);
  }

  @Rpc(Subjects.identity.deleteConnection)
  remove(@Ctx() ctx: RequestContext, @Data(IdentityIdRequest) input: IdentityIdRequest) {
    return this.deleteConnection.execute(ctx, input.id);
  }

  @Rpc(Subjects.identity.connectionsForOwner)
  forOwner(@Ctx() ctx: RequestContext, @Data(ConnectionsForOwnerRequest) input: ConnectionsForOwnerRequest) {
    return this.connectionsForOwner.execute(ctx, input);
  }
}
