import { Injectable } from '@nestjs/common';
import { CredentialsCipher } from '../common/credentials-cipher.js';

/** TOTP secrets at rest: sealed with the credentials key ring, bound to their user. */
@Injectable()
export class TwoFactorSecrets {
  constructor(private readonly cipher: CredentialsCipher) {}

  seal(userId: string, secret: string): string {
    return JSON.stringify(this.cipher.encrypt({ secret }, `totp/${userId}`));
  }

  open(userId: string, sealed: string): string {
    return String(this.cipher.decrypt(JSON.parse(sealed) as Parameters<CredentialsCipher['decrypt']>[0], `totp/${userId}`).secret);
  }
}
