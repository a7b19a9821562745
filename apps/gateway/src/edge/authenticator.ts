import {
  appError, AppError, hashApiKey, isWellFormedApiKey, Subjects, systemContext, CURRENT_API_VERSION,
  type ApiKeyRevokedBroadcast, type AuthenticatedApiKeyReply, type AuthenticatedSessionReply, type EndUserDeletedBroadcast,
  type MembershipChangedBroadcast, type MembershipResolution, type RequestContext, type SessionRevokedBroadcast,
} from '@agentry/contracts';
import { Namespace, NATS_CONNECTION, subscribeBroadcast } from '@agentry/messaging';
import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { createHash } from 'node:crypto';
import { GatewayConfig } from '../config/gateway.config.js';
import { Services } from '../core/services.client.js';
import type { Credential } from '../core/gateway-request.js';
import type { ApiKeyPrincipal, SessionPrincipal } from './principals.js';
import { TtlCache } from './ttl-cache.js';

const SESSION_TTL_MS = 5_000;

/**
 * Verifies API keys and sessions. Verified keys are cached (perf notes: asking identity per
 * request costs a NATS hop and a query); broadcasts evict on every replica at once: a revoked
 * key, an ended session, a deleted end-user, a membership change.
 */
@Injectable()
export class Authenticator implements OnModuleInit, OnModuleDestroy {
  private readonly keys: TtlCache<ApiKeyPrincipal>;
  private readonly sessions = new TtlCache<SessionPrincipal>(SESSION_TTL_MS);
  private readonly memberships: TtlCache<MembershipResolution>;
  private readonly endUsers: TtlCache<boolean>;
  private subscriptions: Subscription[] = [];
  private readonly evictionListeners = new Set<() => void>();

  constructor(
    private readonly services: Services,
    config: GatewayConfig,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    private readonly namespace: Namespace,
  ) {
    this.keys = new TtlCache(config.AUTH_CACHE_TTL_MS);
    this.memberships = new TtlCache(Math.min(config.AUTH_CACHE_TTL_MS, 5_000));
    this.endUsers = new TtlCache(Math.min(config.AUTH_CACHE_TTL_MS, 10_000));
  }

  onModuleInit(): void {
    this.subscriptions = [
      this.onBroadcast<ApiKeyRevokedBroadcast>(Subjects.broadcast.apiKeyRevoked, ({ apiKeyId, keyHash }) => {
        if (keyHash) this.keys.delete(keyHash);
        if (apiKeyId) this.keys.deleteWhere((_k, v) => v.apiKeyId === apiKeyId);
      }),
      this.onBroadcast<SessionRevokedBroadcast>(Subjects.broadcast.sessionRevoked, ({ sessionId }) => {
        if (sessionId) this.sessions.deleteWhere((_k, v) => v.sessionId === sessionId);
      }),
      this.onBroadcast<EndUserDeletedBroadcast>(Subjects.broadcast.endUserDeleted, ({ applicationId, endUserId }) => {
        if (applicationId && endUserId) this.endUsers.delete(`${applicationId}|${endUserId}`);
      }),
      this.onBroadcast<MembershipChangedBroadcast>(Subjects.broadcast.membershipChanged, ({ orgId, userId }) => {
        this.memberships.deleteWhere((_k, v) => v.orgId === orgId && (!userId || v.userId === userId));
        this.keys.deleteWhere((_k, v) => v.orgId === orgId && (!userId || v.createdBy === userId));
      }),
    ];
  }

  /** Applies an eviction broadcast, then tells the listeners (open streams check their credentials again). */
  private onBroadcast<T>(subject: string, handle: (message: Partial<T>) => void): Subscription {
    return subscribeBroadcast<T>(this.nc, this.namespace, subject, (message) => {
      handle(message);
      for (const listener of this.evictionListeners) listener();
    });
  }

  /** Called after any revocation or membership change was applied to the caches; returns the unsubscriber. */
  onEviction(listener: () => void): () => void {
    this.evictionListeners.add(listener);
    return () => this.evictionListeners.delete(listener);
  }

  /**
   * Whether a credential seen at the start of a long-lived response (an SSE stream) still grants
   * `permission` in the same context: the key or session is still valid, the membership still
   * holds it, the end-user still exists. Answers false rather than throwing.
   */
  async stillGrants(credential: Credential, ctx: RequestContext, permission: string): Promise<boolean> {
    try {
      let permissions: string[];
      if (credential.kind === 'api_key') {
        const key = await this.apiKey(credential.token, ctx.requestId);
        permissions = key.permissions;
      } else {
        const session = await this.session(credential.token, ctx.requestId);
        const membership = await this.membership(session.userId, ctx.orgId as string, ctx.applicationId, ctx.requestId);
        permissions = membership.permissions;
      }
      if (!permissions.includes(permission)) return false;
      if (ctx.endUserId) return this.endUserExists(ctx.endUserId, ctx.orgId as string, ctx.applicationId as string, ctx.requestId);
      return true;
    } catch {
      return false;
    }
  }

  onModuleDestroy(): void {
    this.subscriptions.forEach((s) => s.unsubscribe());
  }

  /** Any malformed, unknown, expired or revoked key, or one whose creator left the org → the same 401. */
  async apiKey(token: string, requestId: string): Promise<ApiKeyPrincipal> {
    if (!isWellFormedApiKey(token)) throw invalidKey();
    const keyHash = hashApiKey(token);
    const principal = await this.keys.getOrLoad(keyHash, () => this.loadApiKey(token, keyHash, requestId));
    if (principal.expiresAtMs !== null && principal.expiresAtMs <= Date.now()) {
      this.keys.delete(keyHash);
      throw invalidKey();
    }
    return principal;
  }

  private async loadApiKey(token: string, keyHash: string, requestId: string): Promise<ApiKeyPrincipal> {
    const ctx = systemContext(requestId, CURRENT_API_VERSION);
    const key = await this.services.call<AuthenticatedApiKeyReply>(Subjects.identity.authenticateApiKey, ctx, { key: token }).catch(rethrowAs401);
    const membership = await this.membership(key.createdBy, key.orgId, key.applicationId, requestId).catch(rethrowAs401);
    const allowed = new Set(membership.permissions);
    return {
      keyHash, apiKeyId: key.apiKeyId, orgId: key.orgId, applicationId: key.applicationId, createdBy: key.createdBy,
      permissions: key.scopes.filter((s) => allowed.has(s)), apiVersion: membership.apiVersion,
      expiresAtMs: key.expiresAt ? Date.parse(key.expiresAt) : null,
    };
  }

  async session(token: string, requestId: string): Promise<SessionPrincipal> {
    const tokenHash = createHash('sha256').update(token).digest('hex');
    return this.sessions.getOrLoad(tokenHash, async () => {
      const reply = await this.services.call<AuthenticatedSessionReply>(
        Subjects.identity.authenticateSession, systemContext(requestId, CURRENT_API_VERSION), { token },
      );
      return { sessionId: reply.sessionId, userId: reply.user.id, email: reply.user.email, ...(reply.impersonator ? { impersonator: reply.impersonator } : {}) };
    });
  }

  forgetSession(token: string): void {
    this.sessions.delete(createHash('sha256').update(token).digest('hex'));
  }

  /** The user's role and permissions in the org; 404 when not a member or the application is not the org's. */
  membership(userId: string, orgId: string, applicationId: string | undefined, requestId: string): Promise<MembershipResolution> {
    return this.memberships.getOrLoad(`${userId}|${orgId}|${applicationId ?? ''}`, () =>
      this.services.call<MembershipResolution>(Subjects.tenancy.resolveMembership, systemContext(requestId, CURRENT_API_VERSION, orgId), {
        userId, orgId, ...(applicationId ? { applicationId } : {}),
      }),
    );
  }

  /** True when the end-user exists in the application (cached briefly). */
  async endUserExists(endUserId: string, orgId: string, applicationId: string, requestId: string): Promise<boolean> {
    return this.endUsers.getOrLoad(`${applicationId}|${endUserId}`, async () => {
      const ctx = { ...systemContext(requestId, CURRENT_API_VERSION, orgId), applicationId };
      const reply = await this.services.call<{ exists: boolean }>(Subjects.identity.resolveEndUser, ctx, { endUserId });
      return reply.exists;
    });
  }
}

function invalidKey(): AppError {
  return appError(401, 'invalid_api_key', 'The API key is invalid, expired or revoked.');
}

/** A 4xx from identity/tenancy while checking a key means the key is not usable; 5xx stay 5xx. */
function rethrowAs401(error: unknown): never {
  if (error instanceof AppError && error.status < 500) throw invalidKey();
  throw error;
}
