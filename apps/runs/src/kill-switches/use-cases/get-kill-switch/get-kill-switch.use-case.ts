import type { KillSwitchDto, KillSwitchScope, RequestContext } from '@agentry/contracts';
import { Injectable } from '@nestjs/common';
import { killSwitchTarget } from '../../kill-switch-target.js';
import { toKillSwitchDto } from '../../kill-switch.mapper.js';
import { KillSwitchesRepository } from '../../kill-switches.repository.js';

@Injectable()
export class GetKillSwitch {
  constructor(private readonly switches: KillSwitchesRepository) {}

  async execute(ctx: RequestContext, scope: KillSwitchScope): Promise<KillSwitchDto> {
    const target = killSwitchTarget(ctx, scope);
    return toKillSwitchDto(scope, target.orgId, await this.switches.find(target.key));
  }
}
