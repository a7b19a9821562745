import { Errors, type RequestContext } from '@agentry/contracts';
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

/** For POSTs that take no body: any field sent is refused, like an unknown field anywhere. */
export const NoBody = createParamDecorator((_: unknown, context: ExecutionContext): void => {
  const body = context.switchToHttp().getRequest<GatewayRequest>().body;
  if (body === undefined) return;
  const fields = body !== null && typeof body === 'object' && !Array.isArray(body) ? Object.keys(body) : ['(body)'];
  if (fields.length > 0) throw Errors.validation(fields.map((field) => ({ field, code: 'unknown_field', message: `${field} is not a known field.` })));
});

/**
 * Merges path ids into the body, so services get one payload: `{id, ...body}`. A body field named
 * like a path id is not a body field: refused, rather than silently overridden.
 */
export function withIds(body: unknown, ids: Record<string, string>): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return body;
  const clashes = Object.keys(ids).filter((key) => Object.hasOwn(body, key));
  if (clashes.length > 0) throw Errors.validation(clashes.map((field) => ({ field, code: 'unknown_field', message: `${field} comes from the path, not the body.` })));
  return { ...(body as object), ...ids };
}
