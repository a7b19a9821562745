import { Subjects, type RequestContext, type UserDto } from '@agentry/contracts';
import { RpcClient } from '@agentry/messaging';
import { Injectable } from '@nestjs/common';

/** identity's `lookupUsers` reply (users that no longer exist are simply absent). */
interface LookupUsersReply {
  data: UserDto[];
}

/** Dashboard users live in identity: their details are fetched over NATS, never read from its schema. */
@Injectable()
export class UserDirectory {
  constructor(private readonly rpc: RpcClient) {}

  async lookup(ctx: RequestContext, userIds: string[]): Promise<Map<string, UserDto>> {
    if (userIds.length === 0) return new Map();
    const reply = await this.rpc.request<LookupUsersReply>(Subjects.identity.lookupUsers, ctx, { userIds });
    return new Map((reply?.data ?? []).map((user) => [user.id, user]));
  }
}
