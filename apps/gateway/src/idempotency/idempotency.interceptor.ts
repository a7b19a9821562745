import { AppError, appError } from '@agentry/contracts';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import { Injectable, Logger, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { createHash } from 'node:crypto';
import { from, lastValueFrom, type Observable } from 'rxjs';
import type { GatewayRequest } from '../core/gateway-request.js';
import { renderProblem, toAppError } from '../edge/problem.js';
import { IdempotencyStore } from './idempotency.store.js';
import { ReplayedResponse } from './replayed-response.js';

const KEY = /^[\x20-\x7e]{1,255}$/;
/** Outcomes a retry must re-execute rather than see again. */
const NOT_STORED = (e: AppError) => e.status >= 500 || e.status === 401 || e.status === 403 || e.status === 429 || e.code === 'validation_failed';

/**
 * `Idempotency-Key` on POST: scoped to org, application, principal and end-user, bound to method,
 * path and body. Runs after the EdgeGuard, so refused requests never reach the store.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');

  constructor(private readonly store: IdempotencyStore, private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<GatewayRequest>();
    const raw = request.headers['idempotency-key'];
    if (request.method !== 'POST' || raw === undefined) return next.handle();
    const key = Array.isArray(raw) ? raw[0] : raw;
    if (!key || !KEY.test(key)) throw appError(400, 'invalid_idempotency_key', 'Idempotency-Key must be 1–255 printable ASCII characters.');
    const ctx = request.edge.ctx;
    if (!ctx || ctx.principal.type === 'anonymous') return next.handle();
    ctx.idempotencyKey = key;
    const status = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? 201;
    return from(this.run(request, key, status, next));
  }

  private async run(request: GatewayRequest, key: string, status: number, next: CallHandler): Promise<unknown> {
    const ctx = request.edge.ctx!;
    const scope = sha256([ctx.orgId ?? '', ctx.applicationId ?? '', ctx.principal.id, ctx.endUserId ?? '', key].join('\n'));
    const path = request.url;
    const fingerprint = sha256(`${request.method}\n${path}\n${stableJson(request.body)}`);
    const begun = await this.store.begin(scope, fingerprint, request.method, path);
    if (begun.kind === 'mismatch') {
      throw appError(422, 'idempotency_key_reused', 'This Idempotency-Key was used with a different request.');
    }
    if (begun.kind === 'in_flight') throw appError(409, 'idempotency_in_progress', 'A request with this Idempotency-Key is still in progress.');
    if (begun.kind === 'replay') throw new ReplayedResponse(begun.response);

    try {
      const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
      await this.store.complete(scope, {
        status, headers: replayHeaders('application/json; charset=utf-8', ctx.apiVersion, ctx.requestId), body: JSON.stringify(body ?? null),
      });
      return body;
    } catch (error) {
      const { error: appErr } = toAppError(error);
      await (NOT_STORED(appErr)
        ? this.store.release(scope)
        : this.store.complete(scope, {
            status: appErr.status, headers: replayHeaders('application/problem+json', ctx.apiVersion, ctx.requestId),
            body: JSON.stringify(renderProblem(appErr, ctx.requestId)),
          })
      ).catch((e: unknown) => this.logger.warn(`could not record idempotency outcome: ${(e as Error).message}`));
      throw error;
    }
  }
}

/**
 * Headers a replay carries. The body is replayed byte for byte (a problem keeps the original
 * `requestId`), while `Request-Id` is the retry's own; `Original-Request-Id` names the request
 * that really executed, as Stripe's `Original-Request` does.
 */
function replayHeaders(contentType: string, apiVersion: string, originalRequestId: string): Record<string, string> {
  return { 'content-type': contentType, 'appstrate-version': apiVersion, 'original-request-id': originalRequestId };
}

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** JSON with sorted keys, so the same body in another key order has the same fingerprint. */
export function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const entries = Object.keys(value as object).sort().map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}
