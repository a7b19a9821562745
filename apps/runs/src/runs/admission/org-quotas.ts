import { newId, Subjects, systemContext, type QuotasChangedBroadcast, type RequestContext } from '@agentry/contracts';
import { Namespace, NATS_CONNECTION, RpcClient, subscribeBroadcast } from '@agentry/messaging';
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { RunsConfig } from '../../config/runs.config.js';

export interface RunQuotas {
  maxConcurrentRuns: number;
  maxQueuedRuns: number;
  /** µUSD per UTC day; null: no budget. */
  dailyBudgetMicroUsd: number | null;
}

/**
 * An org's run quotas, owned by tenancy and cached a few seconds; tenancy's quotas-changed
 * broadcast drops the cached copy at once, so a new cap applies to the next run. When tenancy
 * does not answer (or answers an error) the last known quotas apply, else the configured defaults
 * (no budget): admission never hangs on it.
 */
@Injectable()
export class OrgQuotas implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('OrgQuotas');
  private readonly cache = new Map<string, { quotas: RunQuotas; expiresAt: number }>();
  private readonly inflight = new Map<string, Promise<RunQuotas>>();
  /** Bumped by every broadcast: a fetch begun before one may hold the old quotas, so it is not cached. */
  private changes = 0;
  private subscription: Subscription | undefined;

  constructor(
    private readonly rpc: RpcClient,
    private readonly config: RunsConfig,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    private readonly namespace: Namespace,
  ) {}

  onModuleInit(): void {
    this.subscription = subscribeBroadcast<QuotasChangedBroadcast>(this.nc, this.namespace, Subjects.broadcast.quotasChanged, ({ orgId }) => {
      if (typeof orgId !== 'string') return;
      this.changes++;
      this.cache.delete(orgId);
      this.inflight.delete(orgId);
    });
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }

  get(orgId: string, ctx?: Pick<RequestContext, 'requestId' | 'apiVersion'>): Promise<RunQuotas> {
    const cached = this.cache.get(orgId);
    if (cached && cached.expiresAt > Date.now()) return Promise.resolve(cached.quotas);
    const pending = this.inflight.get(orgId);
    if (pending) return pending;
    const fetching: Promise<RunQuotas> = this.fetch(orgId, ctx).finally(() => {
      if (this.inflight.get(orgId) === fetching) this.inflight.delete(orgId);
    });
    this.inflight.set(orgId, fetching);
    return fetching;
  }

  private async fetch(orgId: string, ctx?: Pick<RequestContext, 'requestId' | 'apiVersion'>): Promise<RunQuotas> {
    const changesAtStart = this.changes;
    let reply: Partial<Record<keyof RunQuotas, unknown>> = {};
    try {
      const system = systemContext(ctx?.requestId ?? newId('req'), ctx?.apiVersion ?? '', orgId);
      reply = (await this.rpc.request<typeof reply>(Subjects.tenancy.getQuotas, system, {}, { timeoutMs: this.config.QUOTAS_TIMEOUT_MS })) ?? {};
    } catch (error) {
      // The last known quotas (a budget above all) beat the defaults, which would lift a budget.
      const stale = this.cache.get(orgId);
      this.logger.warn(`quotas of ${orgId} unavailable, using ${stale ? 'the last known ones' : 'defaults'}: ${(error as Error).message}`);
      if (stale) return stale.quotas;
    }
    const quotas = {
      maxConcurrentRuns: count(reply.maxConcurrentRuns, 1) ?? this.config.DEFAULT_MAX_CONCURRENT_RUNS,
      maxQueuedRuns: count(reply.maxQueuedRuns, 0) ?? this.config.DEFAULT_MAX_QUEUED_RUNS,
      dailyBudgetMicroUsd: count(reply.dailyBudgetMicroUsd, 0) ?? null,
    };
    if (this.changes === changesAtStart) this.cache.set(orgId, { quotas, expiresAt: Date.now() + this.config.QUOTAS_CACHE_MS });
    return quotas;
  }
}

function count(value: unknown, min: number): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= min ? value : undefined;
}
