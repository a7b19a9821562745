import { CURRENT_API_VERSION, Subjects, systemContext, type QuotasChangedBroadcast, type RequestContext } from '@agentry/contracts';
import { Namespace, NATS_CONNECTION, subscribeBroadcast } from '@agentry/messaging';
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { GatewayConfig } from '../config/gateway.config.js';
import { Services } from '../core/services.client.js';
import { TtlCache } from '../edge/ttl-cache.js';
import { rateLimitHeaders, RateLimiter, type Bucket } from './rate-limiter.js';

const MINUTE = 60;
const DEFAULT_ORG_RPM = 600;

export interface RateLimitOutcome {
  allowed: boolean;
  retryAfterSeconds: number;
  headers: { policy: string; current: string };
}

/**
 * Which buckets a request counts against: its API key, its org (every key and session
 * together, at the org's `requestsPerMinute` quota), its end-user (across keys), or — on
 * unauthenticated auth routes — the client IP.
 */
@Injectable()
export class RateLimitPolicy implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('RateLimit');
  private readonly orgQuotas = new TtlCache<number>(30_000);

  private subscription: Subscription | undefined;

  constructor(
    private readonly limiter: RateLimiter,
    private readonly config: GatewayConfig,
    private readonly services: Services,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    private readonly namespace: Namespace,
  ) {}

  async forIp(ip: string): Promise<RateLimitOutcome> {
    return this.consume([{ name: 'ip', key: `ip:${ip}`, limit: this.config.PER_IP_AUTH_REQUESTS_PER_MINUTE, windowSeconds: MINUTE }]);
  }

  async forContext(ctx: RequestContext, options: { orgBucket: boolean } = { orgBucket: true }): Promise<RateLimitOutcome | undefined> {
    const buckets: Bucket[] = [];
    if (ctx.principal.type === 'api_key') {
      buckets.push({ name: 'key', key: `key:${ctx.principal.id}`, limit: this.config.PER_KEY_REQUESTS_PER_MINUTE, windowSeconds: MINUTE });
    }
    if (ctx.orgId && options.orgBucket) buckets.push({ name: 'org', key: `org:${ctx.orgId}`, limit: await this.orgLimit(ctx), windowSeconds: MINUTE });
    if (ctx.endUserId) {
      buckets.push({ name: 'end-user', key: `eu:${ctx.endUserId}`, limit: this.config.PER_END_USER_REQUESTS_PER_MINUTE, windowSeconds: MINUTE });
    }
    if (buckets.length === 0) return undefined;
    return this.consume(buckets);
  }

  /** Forgets a cached quota (tenancy broadcasts every quota change to every replica). */
  forgetOrg(orgId: string): void {
    this.orgQuotas.delete(orgId);
  }

  onModuleInit(): void {
    this.subscription = subscribeBroadcast<QuotasChangedBroadcast>(this.nc, this.namespace, Subjects.broadcast.quotasChanged, ({ orgId }) => {
      if (typeof orgId === 'string') this.forgetOrg(orgId);
    });
  }

  async onModuleDestroy(): Promise<void> {
    this.subscription?.unsubscribe();
    await this.limiter.close();
  }

  private async consume(buckets: Bucket[]): Promise<RateLimitOutcome> {
    const result = await this.limiter.consume(buckets);
    return { allowed: result.allowed, retryAfterSeconds: result.retryAfterSeconds, headers: rateLimitHeaders(result) };
  }

  private orgLimit(ctx: RequestContext): Promise<number> {
    const orgId = ctx.orgId as string;
    return this.orgQuotas.getOrLoad(orgId, async () => {
      try {
        const quotas = await this.services.call<{ requestsPerMinute?: number }>(
          Subjects.tenancy.getQuotas, systemContext(ctx.requestId, CURRENT_API_VERSION, orgId), {},
        );
        return quotas.requestsPerMinute ?? DEFAULT_ORG_RPM;
      } catch (error) {
        this.logger.warn(`quotas of ${orgId} unavailable, using the default: ${(error as Error).message}`);
        return DEFAULT_ORG_RPM;
      }
    });
  }
}
