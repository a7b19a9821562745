import { appError, auditFromContext, type RequestContext, type TwoFactorCodeRequest, type UserDto } from '@agentry/contracts';
import { OutboxWriter } from '@agentry/messaging';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ownAccount } from '../../own-account.js';
import { toUserDto } from '../../../users/user.mapper.js';
import { UsersRepository } from '../../../users/users.repository.js';
import { TwoFactorVerifier } from '../../two-factor-verifier.js';

/** Turns 2FA off, only with a current code (a stolen session alone cannot). The secret is erased. */
@Injectable()
export class DisableTwoFactor {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly verifier: TwoFactorVerifier,
    private readonly outbox: OutboxWriter,
  ) {}

  async execute(ctx: RequestContext, input: TwoFactorCodeRequest): Promise<UserDto> {
    const user = await ownAccount(this.users, ctx);
    if (!user.twoFactorEnabled) throw appError(409, 'two_factor_not_enabled', 'Two-factor authentication is not on.');
    await this.verifier.verify(user, input.code);
    await this.users.setTwoFactor(user.id, { totpSecret: null, twoFactorEnabled: false, totpLastStep: null });
    await this.outbox.addEvent(this.dataSource.manager, {
      type: 'user.two_factor_disabled', orgId: 'platform', applicationId: null, data: { userId: user.id },
      audit: auditFromContext(ctx, 'user.disable_two_factor', { type: 'user', id: user.id }), traceparent: ctx.traceparent,
    });
    return toUserDto({ ...user, twoFactorEnabled: false });
  }
}
