import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { IdentityConfig } from '../config/identity.config.js';

export interface EncryptedCredentials {
  keyIndex: number;
  /** base64(iv[12] | ciphertext | tag[16]) */
  ciphertext: string;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM under a key ring. CREDENTIALS_KEYS lists keys newest first; the first encrypts.
 * The stored key index counts from the OLDEST key (the last in the list), so rotating by
 * prepending a new key keeps every existing row readable. Retiring an old key means
 * re-encrypting its rows first. The associated data binds a ciphertext to its connection
 * and org, so a ciphertext copied onto another row does not decrypt.
 */
@Injectable()
export class CredentialsCipher {
  private readonly byIndex: Buffer[];

  constructor(config: IdentityConfig) {
    const newestFirst = config.CREDENTIALS_KEYS.split(',').map((k) => Buffer.from(k.trim(), 'base64'));
    if (newestFirst.length === 0 || newestFirst.some((k) => k.length !== 32)) throw new Error('CREDENTIALS_KEYS must hold base64 32-byte keys');
    this.byIndex = [...newestFirst].reverse();
  }

  encrypt(credentials: Record<string, unknown>, associatedData: string): EncryptedCredentials {
    const keyIndex = this.byIndex.length - 1;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.byIndex[keyIndex]!, iv);
    cipher.setAAD(Buffer.from(associatedData, 'utf8'));
    const body = Buffer.concat([cipher.update(JSON.stringify(credentials), 'utf8'), cipher.final()]);
    return { keyIndex, ciphertext: Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64') };
  }

  decrypt(encrypted: EncryptedCredentials, associatedData: string): Record<string, unknown> {
    const key = this.byIndex[encrypted.keyIndex];
    if (!key) throw new Error(`No credentials key with index ${encrypted.keyIndex} in the key ring`);
    const raw = Buffer.from(encrypted.ciphertext, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(associatedData, 'utf8'));
    decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
    const plain = Buffer.concat([decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)), decipher.final()]);
    return JSON.parse(plain.toString('utf8')) as Record<string, unknown>;
  }
}

/** What a connection's ciphertext is bound to. */
export function credentialsAssociatedData(orgId: string, connectionId: string): string {
  return `${orgId}/${connectionId}`;
}
