import { Subjects, type RequestContext } from '@agentry/contracts';
import { Controller, HttpCode, Post } from '@nestjs/common';
import { Context, JsonBody, NoBody } from '../../core/context.decorator.js';
import { UserLevel } from '../../core/route-metadata.js';
import { Services } from '../../core/services.client.js';

/** TOTP 2FA of the signed-in user: setup answers a secret, enable/disable take a current code. */
@Controller('me/2fa')
export class TwoFactorController {
  constructor(private readonly services: Services) {}

  @Post('setup') @HttpCode(200) @UserLevel()
  setup(@Context() ctx: RequestContext, @NoBody() _body: void) {
    return this.services.call(Subjects.identity.setUpTwoFactor, ctx, {});
  }

  /** Body `{code}`. */
  @Post('enable') @HttpCode(200) @UserLevel()
  enable(@Context() ctx: RequestContext, @JsonBody() body: unknown) {
    return this.services.call(Subjects.identity.enableTwoFactor, ctx, body);
  }

  /** Body `{code}`. */
  @Post('disable') @HttpCode(200) @UserLevel()
  disable(@Context() ctx: RequestContext, @JsonBody() body: unknown) {
    return this.services.call(Subjects.identity.disableTwoFactor, ctx, body);
  }
}
