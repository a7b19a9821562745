import { newId, Subjects, systemContext, type RequestContext } from '@agentry/contracts';
import { RpcClient } from '@agentry/messaging';
import { Injectable, Logger } from '@nestjs/common';
import { RunsConfig } from '../../config/runs.config.js';

export interface RunQuotas {
  maxConcurrentRuns: number;
  maxQueuedRuns: number;
}

/**
 * An org's run quotas, owned by tenancy and cached a few seconds. When tenancy does not answer
 * (or answers an error) the configured defaults apply: admission never hangs on it.
 */
@Injectable()
export class OrgQuotas {
  private readonly logger = new Logger('OrgQuotas');
  private readonly cache = new Map<string, { quotas: RunQuotas; expiresAt: number }>();
  private readonly inflight = new Map<string, Promise<RunQuotas>>();

  constructor(private readonly rpc: RpcClient, private readonly config: RunsConfig) {}

  get(orgId: string, ctx?: Pick<RequestContext, 'requestId' | 'apiVersion'>): Promise<RunQuotas> {
    const cached = this.cache.get(orgId);
    if (cached && cached.expiresAt > Date.now()) return Promise.resolve(cached.quotas);
    let pending = this.inflight.get(orgId);
    if (!pending) {
      pending = this.fetch(orgId, ctx).finally(() => this.inflight.delete(orgId));
      this.inflight.set(orgId, pending);
    }
    return pending;
  }

  private async fetch(orgId: string, ctx?: Pick<RequestContext, 'requestId' | 'apiVersion'>): Promise<RunQuotas> {
    let reply: Partial<Record<keyof RunQuotas, unknown>> = {};
    try {
      const system = systemContext(ctx?.requestId ?? newId('req'), ctx?.apiVersion ?? '', orgId);
      reply = (await this.rpc.request<typeof reply>(Subjects.tenancy.getQuotas, system, {}, { timeoutMs: this.config.QUOTAS_TIMEOUT_MS })) ?? {};
    } catch (error) {
      this.logger.warn(`quotas of ${orgId} unavailable, using defaults: ${(error as Error).message}`);
    }
    const quotas = {
      maxConcurrentRuns: count(reply.maxConcurrentRuns, 1) ?? this.config.DEFAULT_MAX_CONCURRENT_RUNS,
      maxQueuedRuns: count(reply.maxQueuedRuns, 0) ?? this.config.DEFAULT_MAX_QUEUED_RUNS,
    };
    this.cache.set(orgId, { quotas, expiresAt: Date.now() + this.config.QUOTAS_CACHE_MS });
    return quotas;
  }
}

function count(value: unknown, min: number): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= min ? value : undefined;
}
