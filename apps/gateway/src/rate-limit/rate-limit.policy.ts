import { CURRENT_API_VERSION, Subjects, systemContext, type RequestContext } from '@agentry/contracts';
import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
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
export class RateLimitPolicy implements OnModuleDestroy {
  private readonly logger = new Logger('RateLimit');
  private readonly orgQuotas = new TtlCache<number>(30_000);

  constructor(private readonly limiter: RateLimiter, private readonly config: GatewayConfig, private readonly services: Services) {}

  async forIp(ip: string): Promise<RateLimitOutcome> {
    return this.consume([{ name: 'ip', key: `ip:${ip}`, limit: this.config.PER_IP_AUTH_REQUESTS_PER_MINUTE, windowSeconds: MINUTE }]);
  }

  async forContext(ctx: RequestContext): Promise<RateLimitOutcome | undefined> {
    const buckets: Bucket[] = [];
    if (ctx.principal.type === 'api_key') {
      buckets.push({ name: 'key', key: `key:${ctx.principal.id}`, limit: this.config.PER_KEY_REQUESTS_PER_MINUTE, windowSeconds: MINUTE });
    }
    if (ctx.orgId) buckets.push({ name: 'org', key: `org:${ctx.orgId}`, limit: await this.orgLimit(ctx), windowSeconds: MINUTE });
    if (ctx.endUserId) {
      buckets.push({ name: 'end-user', key: `eu:${ctx.endUserId}`, limit: this.config.PER_END_USER_REQUESTS_PER_MINUTE, windowSeconds: MINUTE });
    }
    if (buckets.length === 0) return undefined;
    return this.consume(buckets);
  }

  /** Forgets a cached quota (after PATCH /orgs/{id}/quotas). */
  forgetOrg(orgId: string): void {
    this.orgQuotas.delete(orgId);
  }

  async onModuleDestroy(): Promise<void> {
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
