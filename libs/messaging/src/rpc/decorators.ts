import { assertRequestContext, parsePayload, type Class, type RequestContext, type RpcEnvelope } from '@agentry/contracts';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';

/** Marks a method as the handler of a versioned RPC subject. */
export const Rpc = (subject: string): MethodDecorator => MessagePattern(subject);

function envelope(ctx: ExecutionContext): RpcEnvelope {
  return ctx.switchToRpc().getData<RpcEnvelope>();
}

/** The request context the gateway sent, checked for shape. */
export const Ctx = createParamDecorator((_: unknown, ctx: ExecutionContext): RequestContext => {
  const value = envelope(ctx)?.ctx;
  assertRequestContext(value);
  return value;
});

/** The data payload, validated against its contract class (unknown fields refused; an explicit `null` too). */
export const Data = createParamDecorator((cls: Class<object> | undefined, ctx: ExecutionContext): unknown => {
  const data = envelope(ctx)?.data;
  return cls ? parsePayload(cls, data === undefined ? {} : data) : (data ?? {});
});
