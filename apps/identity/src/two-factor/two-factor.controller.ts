import { Subjects, TwoFactorCodeRequest, type RequestContext } from '@agentry/contracts';
import { Ctx, Data, Rpc } from '@agentry/messaging';
import { Controller } from '@nestjs/common';
import { DisableTwoFactor } from './use-cases/disable-two-factor/disable-two-factor.use-case.js';
import { EnableTwoFactor } from './use-cases/enable-two-factor/enable-two-factor.use-case.js';
import { SetUpTwoFactor } from './use-cases/set-up-two-factor/set-up-two-factor.use-case.js';

/** TOTP two-factor authentication of dashboard users (their own sessions only). */
@Controller()
export class TwoFactorController {
  constructor(private readonly setUp: SetUpTwoFactor, private readonly enable: EnableTwoFactor, private readonly disable: DisableTwoFactor) {}

  @Rpc(Subjects.identity.setUpTwoFactor)
  setup(@Ctx() ctx: RequestContext) {
    return this.setUp.execute(ctx);
  }

  @Rpc(Subjects.identity.enableTwoFactor)
  turnOn(@Ctx() ctx: RequestContext, @Data(TwoFactorCodeRequest) input: TwoFactorCodeRequest) {
    return this.enable.execute(ctx, input);
  }

  @Rpc(Subjects.identity.disableTwoFactor)
  turnOff(@Ctx() ctx: RequestContext, @Data(TwoFactorCodeRequest) input: TwoFactorCodeRequest) {
    return this.disable.execute(ctx, input);
  }
}
