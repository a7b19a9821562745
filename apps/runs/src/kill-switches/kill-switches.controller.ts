import { EngageKillSwitchRequest, Subjects, type RequestContext } from '@agentry/contracts';
import { Ctx, Data, Rpc } from '@agentry/messaging';
import { Controller } from '@nestjs/common';
import { EngageKillSwitch } from './use-cases/engage-kill-switch/engage-kill-switch.use-case.js';
import { GetKillSwitch } from './use-cases/get-kill-switch/get-kill-switch.use-case.js';
import { ReleaseKillSwitch } from './use-cases/release-kill-switch/release-kill-switch.use-case.js';

const S = Subjects.runs;

/** The org's kill switch (`kill-switch:*`) and the platform's (platform admins). */
@Controller()
export class KillSwitchesController {
  constructor(private readonly getSwitch: GetKillSwitch, private readonly engageSwitch: EngageKillSwitch, private readonly releaseSwitch: ReleaseKillSwitch) {}

  @Rpc(S.getKillSwitch)
  get(@Ctx() ctx: RequestContext) {
    return this.getSwitch.execute(ctx, 'org');
  }

  @Rpc(S.engageKillSwitch)
  engage(@Ctx() ctx: RequestContext, @Data(EngageKillSwitchRequest) input: EngageKillSwitchRequest) {
    return this.engageSwitch.execute(ctx, 'org', input.reason);
  }

  @Rpc(S.releaseKillSwitch)
  release(@Ctx() ctx: RequestContext) {
    return this.releaseSwitch.execute(ctx, 'org');
  }

  @Rpc(S.getPlatformKillSwitch)
  getPlatform(@Ctx() ctx: RequestContext) {
    return this.getSwitch.execute(ctx, 'platform');
  }

  @Rpc(S.engagePlatformKillSwitch)
  engagePlatform(@Ctx() ctx: RequestContext, @Data(EngageKillSwitchRequest) input: EngageKillSwitchRequest) {
    return this.engageSwitch.execute(ctx, 'platform', input.reason);
  }

  @Rpc(S.releasePlatformKillSwitch)
  releasePlatform(@Ctx() ctx: RequestContext) {
    return this.releaseSwitch.execute(ctx, 'platform');
  }
}
