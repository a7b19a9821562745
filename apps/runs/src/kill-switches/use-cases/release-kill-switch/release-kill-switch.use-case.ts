import { auditFromContext, type KillSwitchDto, type KillSwitchScope, type RequestContext } from '@agentry/contracts';
import { OutboxWriter } from '@agentry/messaging';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { eventOrgOf, killSwitchTarget } from '../../kill-switch-target.js';
import { toKillSwitchDto } from '../../kill-switch.mapper.js';
import { KillSwitchesRepository } from '../../kill-switches.repository.js';

/** Releases a switch: new runs are admitted again (cancelled runs stay cancelled). Releasing a released switch is a no-op. */
@Injectable()
export class ReleaseKillSwitch {
  constructor(private readonly dataSource: DataSource, private readonly switches: KillSwitchesRepository, private readonly outbox: OutboxWriter) {}

  async execute(ctx: RequestContext, scope: KillSwitchScope): Promise<KillSwitchDto> {
    const target = killSwitchTarget(ctx, scope);
    await this.dataSource.transaction(async (manager) => {
      const released = await this.switches.release(manager, target.key);
      if (!released) return;
      await this.outbox.addEvent(manager, {
        type: target.orgId ? 'kill_switch.released' : 'platform.kill_switch.released', orgId: eventOrgOf(target), applicationId: null,
        data: toKillSwitchDto(scope, target.orgId, null),
        audit: auditFromContext(ctx, 'kill_switch.release', { type: 'kill_switch', id: target.key }, { reason: released.reason }),
        traceparent: ctx.traceparent,
      });
    });
    return toKillSwitchDto(scope, target.orgId, null);
  }
}
