import { auditFromContext, type KillSwitchDto, type KillSwitchScope, type RequestContext } from '@agentry/contracts';
import { OutboxWriter } from '@agentry/messaging';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RunCanceller } from '../../../runs/cancellation/run-canceller.js';
import { RunsRepository } from '../../../runs/runs.repository.js';
import { eventOrgOf, killSwitchTarget } from '../../kill-switch-target.js';
import { toKillSwitchDto } from '../../kill-switch.mapper.js';
import { KillSwitchesRepository } from '../../kill-switches.repository.js';

/**
 * Engages an org's or the platform's kill switch: in one transaction, holding the admission lock
 * admission itself takes (the org's, or the platform's exclusively), the switch is set and every
 * queued and running run in its reach is cancelled; after commit runners are told to abort them.
 * New runs get 503 `kill_switch_engaged` until it is released. Engaging again updates the reason.
 */
@Injectable()
export class EngageKillSwitch {
  constructor(
    private readonly dataSource: DataSource,
    private readonly switches: KillSwitchesRepository,
    private readonly runs: RunsRepository,
    private readonly canceller: RunCanceller,
    private readonly outbox: OutboxWriter,
  ) {}

  async execute(ctx: RequestContext, scope: KillSwitchScope, reason: string): Promise<KillSwitchDto> {
    const target = killSwitchTarget(ctx, scope);
    const cancelReason = `kill_switch: ${reason}`;
    const { row, cancelled } = await this.dataSource.transaction(async (manager) => {
      if (target.orgId) await this.runs.lockOrg(manager, { orgId: target.orgId });
      else await this.runs.lockPlatform(manager, 'exclusive');
      const engaged = await this.switches.engage(manager, target.key, reason, ctx.principal.id);
      const runs = await this.canceller.cancelIn(manager, target.orgId ? { orgId: target.orgId } : {}, cancelReason, ctx.traceparent);
      const dto = toKillSwitchDto(scope, target.orgId, engaged, runs.length);
      await this.outbox.addEvent(manager, {
        type: target.orgId ? 'kill_switch.engaged' : 'platform.kill_switch.engaged', orgId: eventOrgOf(target), applicationId: null, data: dto,
        audit: auditFromContext(ctx, 'kill_switch.engage', { type: 'kill_switch', id: target.key }, { reason, cancelledRuns: runs.length }),
        traceparent: ctx.traceparent,
      });
      return { row: engaged, cancelled: runs };
    });
    this.canceller.broadcast(cancelled);
    return toKillSwitchDto(scope, target.orgId, row, cancelled.length);
  }
}
