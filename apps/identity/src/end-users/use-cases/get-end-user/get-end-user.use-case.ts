import { isId, type EndUserDto, type RequestContext } from '@agentry/contracts';
import { Injectable } from '@nestjs/common';
import { endUserScope } from '../../end-user-scope.js';
import { endUserNotFound } from '../../end-user.errors.js';
import { toEndUserDto } from '../../end-user.mapper.js';
import { EndUsersRepository } from '../../end-users.repository.js';

@Injectable()
export class GetEndUser {
  constructor(private readonly endUsers: EndUsersRepository) {}

  async execute(ctx: RequestContext, id: string): Promise<EndUserDto> {
    const scope = endUserScope(ctx);
    const endUser = isId('eu', id) ? await this.endUsers.findById(scope, id) : null;
    if (!endUser) throw endUserNotFound();
    return toEndUserDto(endUser);
  }
}
