import type { RequestContext } from '@agentry/contracts';
import { RpcClient } from '@agentry/messaging';
import { Injectable } from '@nestjs/common';

/** The gateway's only way to reach services: one NATS request with the request context and a deadline. */
@Injectable()
export class Services {
  constructor(private readonly rpc: RpcClient) {}

  call<T>(subject: string, ctx: RequestContext, data: unknown = {}): Promise<T> {
    return this.rpc.request<T>(subject, ctx, data);
  }
}
