import { Subjects, type LookupUsersReply, type LookupUsersRequest, type RequestContext, type UserDto } from '@agentry/contracts';
import { RpcClient } from '@agentry/messaging';
import { Injectable } from '@nestjs/common';

/** Dashboard users live in identity: their details are fetched over NATS, never read from its schema. */
@Injectable()
export class UserDirectory {
  constructor(private readonly rpc: RpcClient) {}

  /** At most 100 ids (a page); users that no longer exist are simply absent from the map. */
  async lookup(ctx: RequestContext, userIds: string[]): Promise<Map<string, UserDto>> {
    if (userIds.length === 0) return new Map();
    const request: LookupUsersRequest = { userIds };
    const reply = await this.rpc.request<LookupUsersReply>(Subjects.identity.lookupUsers, ctx, request);
    return new Map((reply?.data ?? []).map((user) => [user.id, user]));
  }
}
