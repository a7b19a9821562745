import { canonicalEmail, type EndUserDto, type ListEndUsersQuery, type ListReply, type RequestContext } from '@agentry/contracts';
import { cursorScope } from '@agentry/persistence';
import { Injectable } from '@nestjs/common';
import { ListCursors } from '../../../common/list-cursors.js';
import { endUserScope } from '../../end-user-scope.js';
import { toEndUserDto } from '../../end-user.mapper.js';
import { EndUsersRepository, type EndUserFilters } from '../../end-users.repository.js';

@Injectable()
export class ListEndUsers {
  constructor(private readonly endUsers: EndUsersRepository, private readonly cursors: ListCursors) {}

  async execute(ctx: RequestContext, query: ListEndUsersQuery): Promise<ListReply<EndUserDto>> {
    const scope = endUserScope(ctx);
    const filters: EndUserFilters = {
      externalId: query.externalId,
      email: query.email !== undefined ? canonicalEmail(query.email) : undefined,
    };
    const listScope = cursorScope('end_users', { ...scope }, { ...filters });
    const page = this.cursors.request(listScope, query);
    return this.cursors.reply(listScope, page, await this.endUsers.list(scope, filters, page), toEndUserDto);
  }
}
