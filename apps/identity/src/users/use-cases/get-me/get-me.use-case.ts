import { Errors, type RequestContext, type UserDto } from '@agentry/contracts';
import { Injectable } from '@nestjs/common';
import { toUserDto } from '../../user.mapper.js';
import { UsersRepository } from '../../users.repository.js';

@Injectable()
export class GetMe {
  constructor(private readonly users: UsersRepository) {}

  async execute(ctx: RequestContext): Promise<UserDto> {
    const user = ctx.principal.userId ? await this.users.findById(ctx.principal.userId) : null;
    if (!user) throw Errors.notFound('user');
    return toUserDto(user);
  }
}
