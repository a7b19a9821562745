import { appError, auditFromContext, type RequestContext, type TwoFactorCodeRequest, type UserDto } from '@agentry/contracts';
import { OutboxWriter } from '@agentry/messaging';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ownAccount } from '../../own-account.js';
import { toUserDto } from '../../../users/user.mapper.js';
import { UsersRepository } from '../../../users/users.repository.js';
import { TwoFactorVerifier } from '../../two-factor-verifier.js';

/** Turns 2FA on once the user proves their app holds the secret from setup. */
@Injectable()
export class EnableTwoFactor {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly verifier: TwoFactorVerifier,
    private readonly outbox: OutboxWriter,
  ) {}

  async execute(ctx: RequestContext, input: TwoFactorCodeRequest): Promise<UserDto> {
    const user = await ownAccount(this.users, ctx);
    if (user.twoFactorEnabled) throw appError(409, 'two_factor_enabled', 'Two-factor authentication is already on.');
    if (!user.totpSecret) throw appError(409, 'two_factor_not_set_up', 'Call POST /me/2fa/setup first.');
    await this.verifier.verify(user, input.code);
    // The enabling code stays used (verify recorded its step): it cannot log in a moment later.
    if (!(await this.users.enableTwoFactor(user.id, user.totpSecret))) {
      throw appError(409, 'two_factor_secret_changed', 'The secret was set up again meanwhile; enter a code from the new one.');
    }
    await this.outbox.addEvent(this.dataSource.manager, {
      type: 'user.two_factor_enabled', orgId: 'platform', applicationId: null, data: { userId: user.id },
      audit: auditFromContext(ctx, 'user.enable_two_factor', { type: 'user', id: user.id }), traceparent: ctx.traceparent,
    });
    return toUserDto({ ...user, twoFactorEnabled: true });
  }
}
