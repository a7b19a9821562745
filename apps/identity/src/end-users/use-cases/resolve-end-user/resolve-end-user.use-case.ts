import { isId, requireApplication, type RequestContext, type ResolveEndUserReply } from '@agentry/contracts';
import { Injectable } from '@nestjs/common';
import { EndUsersRepository } from '../../end-users.repository.js';

/** The gateway's `Appstrate-User` check: true only for a live end-user of ctx's org and application. */
@Injectable()
export class ResolveEndUser {
  constructor(private readonly endUsers: EndUsersRepository) {}

  async execute(ctx: RequestContext, endUserId: string): Promise<ResolveEndUserReply> {
    const scope = requireApplication(ctx);
    return { exists: isId('eu', endUserId) && (await this.endUsers.exists(scope, endUserId)) };
  }
}
