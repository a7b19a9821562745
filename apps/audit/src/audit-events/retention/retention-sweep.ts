import { CURRENT_API_VERSION, newId, Subjects, systemContext } from '@agentry/contracts';
import { RpcClient } from '@agentry/messaging';
import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { AuditConfig } from '../../config/audit.config.js';
import { AuditEventsRepository } from '../audit-events.repository.js';

const DAY_MS = 86_400_000;
const ORGS_PER_SWEEP = 100;

/**
 * Removes records past each org's `auditRetentionDays` (a tenancy setting, asked per org). An org
 * tenancy no longer knows (deleted) or cannot answer for keeps everything: records survive org
 * deletion, and nothing is removed on a guess.
 */
@Injectable()
export class RetentionSweep implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('RetentionSweep');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(private readonly records: AuditEventsRepository, private readonly rpc: RpcClient, private readonly config: AuditConfig) {}

  onApplicationBootstrap(): void {
    if (this.config.AUDIT_RETENTION_SWEEP_MS <= 0) return;
    this.timer = setInterval(() => {
      this.running ??= this.sweep().catch((error: unknown) => this.logger.warn(`retention sweep failed: ${(error as Error).message}`)).finally(() => (this.running = undefined));
    }, this.config.AUDIT_RETENTION_SWEEP_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass; answers how many records it removed per org. */
  async sweep(now = new Date()): Promise<Record<string, number>> {
    const removed: Record<string, number> = {};
    for (const orgId of await this.records.orgsWithRecordsBefore(new Date(now.getTime() - DAY_MS), ORGS_PER_SWEEP)) {
      const days = await this.retentionDays(orgId);
      if (days === null) continue;
      const count = await this.records.prunePrefix({ orgId }, new Date(now.getTime() - days * DAY_MS));
      if (count > 0) removed[orgId] = count;
    }
    return removed;
  }

  private async retentionDays(orgId: string): Promise<number | null> {
    try {
      const settings = await this.rpc.request<{ auditRetentionDays?: unknown }>(Subjects.tenancy.getSettings, systemContext(newId('req'), CURRENT_API_VERSION, orgId), {});
      const days = settings.auditRetentionDays;
      return typeof days === 'number' && Number.isInteger(days) && days >= 1 ? days : null;
    } catch {
      return null;
    }
  }
}
