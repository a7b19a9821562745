import { appError } from '@agentry/contracts';
import { Injectable } from '@nestjs/common';
import type { UserEntity } from '../users/entities/user.entity.js';
import { LoginThrottle } from '../users/login-throttle.js';
import { UsersRepository } from '../users/users.repository.js';
import { matchingStep } from './totp.js';
import { TwoFactorSecrets } from './two-factor-secrets.js';

/** Checks a user's current TOTP code and uses it up, so the same code cannot be replayed. */
@Injectable()
export class TwoFactorVerifier {
  constructor(private readonly users: UsersRepository, private readonly secrets: TwoFactorSecrets, private readonly throttle: LoginThrottle) {}

  /** Counted before it is checked (429 past the limit), like passwords; a right code clears the count. */
  async verify(user: UserEntity, code: string): Promise<void> {
    await this.throttle.countTotpAttempt(user.id);
    if (!user.totpSecret) throw invalidCode();
    const secret = this.secrets.open(user.id, user.totpSecret);
    const step = matchingStep(secret, code, user.totpLastStep === null ? null : Number(user.totpLastStep));
    if (step === null || !(await this.users.claimTotpStep(user.id, step))) throw invalidCode();
    await this.throttle.clearTotp(user.id);
  }
}

function invalidCode() {
  return appError(401, 'invalid_totp_code', 'The authenticator code is wrong or was already used.');
}
