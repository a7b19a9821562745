import { requireApplication, type ConnectionDto, type IdentityListQuery, type ListReply, type RequestContext } from '@agentry/contracts';
import { cursorScope } from '@agentry/persistence';
import { Injectable } from '@nestjs/common';
import { ListCursors } from '../../../common/list-cursors.js';
import { ownerFromContext } from '../../connection-owner.js';
import { toConnectionDto } from '../../connection.mapper.js';
import { ConnectionsRepository } from '../../connections.repository.js';

/** Only the caller's own connections: the end-user's when acting for one, else the dashboard user's. */
@Injectable()
export class ListConnections {
  constructor(private readonly connections: ConnectionsRepository, private readonly cursors: ListCursors) {}

  async execute(ctx: RequestContext, query: IdentityListQuery): Promise<ListReply<ConnectionDto>> {
    const scope = requireApplication(ctx);
    const owner = ownerFromContext(ctx);
    const listScope = cursorScope('connections', { ...scope, ...owner });
    const page = this.cursors.request(listScope, query);
    return this.cursors.reply(listScope, page, await this.connections.list(scope, owner, page), toConnectionDto);
  }
}
