import { isId, type LookupUsersReply } from '@agentry/contracts';
import { Injectable } from '@nestjs/common';
import { toUserDto } from '../../user.mapper.js';
import { UsersRepository } from '../../users.repository.js';

/** Tenancy's member list: the public profile of each known id, in the order asked; unknown ids are left out. */
@Injectable()
export class LookupUsers {
  constructor(private readonly users: UsersRepository) {}

  async execute(userIds: string[]): Promise<LookupUsersReply> {
    const ids = [...new Set(userIds.filter((id) => isId('usr', id)))];
    const byId = new Map((await this.users.findByIds(ids)).map((u) => [u.id, u]));
    return { data: ids.flatMap((id) => { const user = byId.get(id); return user ? [toUserDto(user)] : []; }) };
  }
}
