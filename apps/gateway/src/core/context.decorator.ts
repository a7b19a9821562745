import type { RequestContext } from '@agentry/contracts';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { GatewayRequest } from './gateway-request.js';

/** The RequestContext the EdgeGuard built for this request. */
export const Context = createParamDecorator((_: unknown, context: ExecutionContext): RequestContext => {
  return context.switchToHttp().getRequest<GatewayRequest>().edge.ctx as RequestContext;
});

/** The JSON body, or {} when none was sent (services validate the shape, so a JSON `null` is refused). */
export const JsonBody = createParamDecorator((_: unknown, context: ExecutionContext): unknown => {
  const body = context.switchToHttp().getRequest<GatewayRequest>().body;
  return body === undefined ? {} : body;
});

/** Merges path ids into the body, so services get one payload: `{id, ...body}`. */
export function withIds(body: unknown, ids: Record<string, string>): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return body;
  return { ...(body as object), ...ids };
}
