import {
  API_VERSIONS, AppError, appError, CURRENT_API_VERSION, isWithheldFromSupport, Errors, isId, isSupportedApiVersion, type RequestContext,
} from '@agentry/contracts';
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ensureTraceparent } from '@agentry/observability';
import { randomBytes } from 'node:crypto';
import { GatewayConfig } from '../config/gateway.config.js';
import { routeOf, type GatewayReply, type GatewayRequest } from '../core/gateway-request.js';
import { ROUTE_ACCESS, type RouteAccess } from '../core/route-metadata.js';
import { RateLimitPolicy } from '../rate-limit/rate-limit.policy.js';
import { Authenticator } from './authenticator.js';
import { DenialRecorder } from './denial-recorder.js';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const BEARER = /^bearer\s+(\S+)\s*$/i;
const PATH_PARAM = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * The edge pipeline in one place, in the order api.md fixes: API version, authentication
 * (API key or session + CSRF), org/application context, Appstrate-User, the route's
 * permission, then rate limits. It leaves a RequestContext on the request for the controller.
 */
@Injectable()
export class EdgeGuard implements CanActivate {
  private readonly platformAdmins: Set<string>;

  constructor(
    private readonly reflector: Reflector,
    private readonly auth: Authenticator,
    private readonly rateLimits: RateLimitPolicy,
    private readonly denials: DenialRecorder,
    config: GatewayConfig,
  ) {
    this.platformAdmins = new Set(config.PLATFORM_ADMINS.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean));
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<GatewayRequest>();
    const reply = context.switchToHttp().getResponse<GatewayReply>();
    const access =
      this.reflector.get<RouteAccess | undefined>(ROUTE_ACCESS, context.getHandler()) ??
      this.reflector.get<RouteAccess | undefined>(ROUTE_ACCESS, context.getClass()) ?? {};
    const headerVersion = header(request, 'appstrate-version');
    if (headerVersion !== undefined && !isSupportedApiVersion(headerVersion)) {
      throw appError(400, 'unsupported_api_version', `Appstrate-Version "${headerVersion}" is not a supported version (supported: ${API_VERSIONS.join(', ')}).`, {
        supportedVersions: [...API_VERSIONS],
      });
    }
    if ((request.method === 'GET' || request.method === 'DELETE') && request.body !== undefined) {
      throw Errors.validation([{ field: '(body)', code: 'unknown_field', message: `${request.method} takes no body.` }]);
    }
    const base = request.edge;
    const ctx: RequestContext = {
      requestId: base.requestId, principal: { type: 'anonymous', id: 'anonymous' }, permissions: [],
      apiVersion: headerVersion ?? CURRENT_API_VERSION, ip: request.ip, userAgent: header(request, 'user-agent'),
      // Every request carries a W3C trace context onward (NATS headers, outbox rows), so one
      // trace spans gateway → service → outbox → consumer; a caller's own is kept.
      traceparent: ensureTraceparent(header(request, 'traceparent'), randomHex),
    };
    base.ctx = ctx;

    if (access.public) {
      if (access.authRoute) await this.applyRateLimit(reply, request, ctx, 'ip');
      return true;
    }

    const authorization = header(request, 'authorization');
    if (authorization !== undefined) await this.authenticateApiKey(request, ctx, authorization, access);
    else await this.authenticateSession(request, reply, ctx, access);

    reply.header('Appstrate-Version', ctx.apiVersion);

    if (access.permission && !ctx.permissions.includes(access.permission)) {
      this.deny(request, ctx, Errors.insufficientScope(access.permission), access.permission);
    }
    await this.applyRateLimit(reply, request, ctx, access.outsideOrgLimit ? 'principal-outside-org' : 'principal');
    // Every path parameter is an id or a slug: anything else names nothing.
    for (const value of Object.values((request.params ?? {}) as Record<string, string>)) {
      if (!PATH_PARAM.test(value)) throw Errors.notFound('resource');
    }
    return true;
  }

  private async authenticateApiKey(request: GatewayRequest, ctx: RequestContext, authorization: string, access: RouteAccess): Promise<void> {
    const token = BEARER.exec(authorization)?.[1];
    if (!token) throw appError(401, 'invalid_api_key', 'The API key is invalid, expired or revoked.');
    const key = await this.auth.apiKey(token, ctx.requestId);
    request.edge.credential = { kind: 'api_key', token };
    ctx.principal = { type: 'api_key', id: key.apiKeyId, apiKeyId: key.apiKeyId, userId: key.createdBy };
    ctx.orgId = key.orgId;
    ctx.applicationId = key.applicationId;
    ctx.permissions = key.permissions;
    if (!header(request, 'appstrate-version')) ctx.apiVersion = key.apiVersion;

    if (access.sessionOnly) this.deny(request, ctx, appError(403, 'session_required', 'This route is for dashboard sessions, not API keys.'));
    const orgHeader = header(request, 'x-org-id');
    const appHeader = header(request, 'x-application-id');
    if ((orgHeader !== undefined && orgHeader !== key.orgId) || (appHeader !== undefined && appHeader !== key.applicationId)) {
      this.deny(request, ctx, appError(403, 'context_mismatch', 'X-Org-Id / X-Application-Id do not match the API key.'));
    }
    if (access.orgParam) {
      const orgId = (request.params as Record<string, string>)[access.orgParam];
      if (orgId !== key.orgId) throw Errors.notFound('organization');
    }

    const endUser = header(request, 'appstrate-user');
    if (endUser !== undefined) {
      if (!isId('eu', endUser)) throw appError(400, 'invalid_end_user_id', 'Appstrate-User must be an end-user id (eu_…).');
      if (!ctx.permissions.includes('end-users:impersonate')) this.deny(request, ctx, Errors.insufficientScope('end-users:impersonate'), 'end-users:impersonate');
      if (!(await this.auth.endUserExists(endUser, key.orgId, key.applicationId, ctx.requestId))) {
        this.deny(request, ctx, appError(403, 'invalid_end_user', 'That end-user does not belong to this application.'));
      }
      ctx.endUserId = endUser;
    }
  }

  private async authenticateSession(request: GatewayRequest, reply: GatewayReply, ctx: RequestContext, access: RouteAccess): Promise<void> {
    const cookies = request.cookies ?? {};
    const token = cookies['agentry_session'];
    if (!token) throw appError(401, 'unauthenticated', 'Send an API key (Authorization: Bearer) or log in.');
    if (UNSAFE.has(request.method)) {
      const csrf = header(request, 'x-csrf-token');
      if (!csrf || !cookies['agentry_csrf'] || csrf !== cookies['agentry_csrf']) {
        throw appError(403, 'csrf_failed', 'Send X-CSRF-Token equal to the agentry_csrf cookie.');
      }
    }
    const session = await this.auth.session(token, ctx.requestId).catch((error: unknown) => {
      if (error instanceof AppError && error.status < 500) throw appError(401, 'unauthenticated', 'The session is invalid or expired. Log in again.');
      throw error;
    });
    request.edge.sessionToken = token;
    request.edge.credential = { kind: 'session', token };
    ctx.principal = { type: 'user', id: session.userId, userId: session.userId, sessionId: session.sessionId };
    if (session.impersonator) {
      // Every action of a support session is audited with the admin behind it, and says so.
      ctx.impersonator = session.impersonator;
      reply.header('Agentry-Impersonation', session.impersonator.impersonationId);
    }
    // A support session never carries platform powers, even when it acts as a platform admin.
    ctx.platformAdmin = !session.impersonator && (this.platformAdmins.has(session.userId.toLowerCase()) || this.platformAdmins.has(session.email));
    if (header(request, 'appstrate-user') !== undefined) {
      throw appError(400, 'header_not_allowed', 'Appstrate-User is for API keys; dashboard sessions never act for end-users.');
    }
    if (access.platformPermission && !ctx.platformAdmin) throw Errors.insufficientScope(access.platformPermission);
    if (access.userLevel) return;

    const orgId = access.orgParam ? (request.params as Record<string, string>)[access.orgParam] : header(request, 'x-org-id');
    if (!orgId) throw appError(400, 'org_required', 'Send X-Org-Id to choose an organization.');
    if (!isId('org', orgId)) throw Errors.notFound('organization');
    const applicationId = header(request, 'x-application-id');
    if (applicationId !== undefined && !isId('app', applicationId)) throw Errors.notFound('application');
    const membership = await this.auth.membership(session.userId, orgId, applicationId, ctx.requestId);
    ctx.orgId = membership.orgId;
    ctx.applicationId = membership.applicationId;
    // A support session acts as the user, minus what would outlive it (keys, members, roles, ownership).
    ctx.permissions = ctx.impersonator ? membership.permissions.filter((p) => !isWithheldFromSupport(p)) : membership.permissions;
    if (!header(request, 'appstrate-version')) ctx.apiVersion = membership.apiVersion;
  }

  private async applyRateLimit(
    reply: GatewayReply, request: GatewayRequest, ctx: RequestContext, kind: 'ip' | 'principal' | 'principal-outside-org',
  ): Promise<void> {
    const result = kind === 'ip'
      ? await this.rateLimits.forIp(ctx.ip ?? 'unknown')
      : await this.rateLimits.forContext(ctx, { orgBucket: kind === 'principal' });
    if (!result) return;
    reply.header('RateLimit-Policy', result.headers.policy);
    reply.header('RateLimit', result.headers.current);
    if (!result.allowed) {
      this.deny(request, ctx, appError(429, 'rate_limited', `Too many requests; retry in ${result.retryAfterSeconds} s.`, { retryAfterSeconds: result.retryAfterSeconds }));
    }
  }

  private deny(request: GatewayRequest, ctx: RequestContext, error: AppError, permission?: string): never {
    const path = routeOf(request);
    this.denials.record(ctx, { code: error.code, status: error.status, method: request.method, path, permission });
    throw error;
  }
}

// Trace ids from a pooled buffer: one kernel call per 256 requests rather than per request.
let pool = Buffer.alloc(0);
let offset = 0;
function randomHex(bytes: number): string {
  if (offset + bytes > pool.length) {
    pool = randomBytes(24 * 256);
    offset = 0;
  }
  offset += bytes;
  return pool.toString('hex', offset - bytes, offset);
}

function header(request: GatewayRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
