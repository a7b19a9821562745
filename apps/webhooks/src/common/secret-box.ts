import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { WebhooksConfig } from '../config/webhooks.config.js';

interface RingKey {
  id: string;
  key: Buffer;
}

/**
 * Seals endpoint signing secrets at rest with AES-256-GCM. The key ring is newest first: new
 * secrets use the first key, old ones open with whichever key sealed them (by key id).
 * Format: `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts).
 */
@Injectable()
export class SecretBox {
  private readonly ring: RingKey[];

  constructor(config: WebhooksConfig) {
    this.ring = config.WEBHOOKS_SECRET_KEYS.split(',').map((encoded) => {
      const key = Buffer.from(encoded.trim(), 'base64');
      if (key.length !== 32) throw new Error('WEBHOOKS_SECRET_KEYS: every key must be 32 bytes, base64-encoded');
      return { id: createHash('sha256').update(key).digest('hex').slice(0, 8), key };
    });
  }

  seal(plain: string): string {
    const { id, key } = this.ring[0]!;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', id, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join('.');
  }

  open(sealed: string): string {
    const [version, keyId, iv, tag, ciphertext] = sealed.split('.');
    const ringKey = this.ring.find((k) => k.id === keyId);
    if (version !== 'v1' || !ringKey || !iv || !tag || ciphertext === undefined) throw new Error('A webhook secret is sealed with an unknown key.');
    const decipher = createDecipheriv('aes-256-gcm', ringKey.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  }
}
