import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { Injectable, type OnModuleInit } from '@nestjs/common';

/** argon2id (the library default); ~22 ms a verify here, so it runs only at signup and login. */
@Injectable()
export class PasswordHasher implements OnModuleInit {
  /** A real hash of a random password, made at start-up with the same parameters as users' hashes. */
  private dummyHash: string | undefined;

  async onModuleInit(): Promise<void> {
    this.dummyHash = await hash(randomBytes(32).toString('base64url'));
  }

  hash(password: string): Promise<string> {
    return hash(password);
  }

  verify(passwordHash: string, password: string): Promise<boolean> {
    return verify(passwordHash, password).catch(() => false);
  }

  /**
   * Verifies against the user's hash, or against the dummy hash when there is no user, so an
   * unknown email costs the same argon2 verify as a known one (no enumeration by timing).
   */
  async verifyOrBurn(passwordHash: string | undefined, password: string): Promise<boolean> {
    if (passwordHash !== undefined) return this.verify(passwordHash, password);
    this.dummyHash ??= await hash(randomBytes(32).toString('base64url'));
    await this.verify(this.dummyHash, password);
    return false;
  }
}
