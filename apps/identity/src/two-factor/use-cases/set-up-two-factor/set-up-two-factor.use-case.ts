import { appError, type RequestContext, type TwoFactorSetupDto } from '@agentry/contracts';
import { Injectable } from '@nestjs/common';
import { ownAccount } from '../../own-account.js';
import { UsersRepository } from '../../../users/users.repository.js';
import { newTotpSecret, otpauthUrl } from '../../totp.js';
import { TwoFactorSecrets } from '../../two-factor-secrets.js';

/** A new secret, not yet in force: `enable` with a code from it turns 2FA on. Calling it again replaces it. */
@Injectable()
export class SetUpTwoFactor {
  constructor(private readonly users: UsersRepository, private readonly secrets: TwoFactorSecrets) {}

  async execute(ctx: RequestContext): Promise<TwoFactorSetupDto> {
    const user = await ownAccount(this.users, ctx);
    if (user.twoFactorEnabled) throw appError(409, 'two_factor_enabled', 'Two-factor authentication is already on; disable it first to change the secret.');
    const secret = newTotpSecret();
    await this.users.setTwoFactor(user.id, { totpSecret: this.secrets.seal(user.id, secret), twoFactorEnabled: false, totpLastStep: null });
    return { object: 'two_factor_setup', secret, otpauthUrl: otpauthUrl(secret, user.email) };
  }
}
