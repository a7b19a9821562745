import { createHash, randomInt } from 'node:crypto';

/**
 * API key format: `ask_live_` + 32 random base62 characters + 6 base62 characters encoding the
 * CRC32 of the 32 random ones. The checksum lets the gateway refuse a mistyped or truncated key
 * locally, without a round trip; it is not a secret and proves nothing about validity.
 */
export const API_KEY_PREFIX = 'ask_live_';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const RANDOM_LENGTH = 32;
const CHECKSUM_LENGTH = 6; // 62^6 > 2^32
export const API_KEY_LENGTH = API_KEY_PREFIX.length + RANDOM_LENGTH + CHECKSUM_LENGTH;
/** How many leading characters of a key are stored and shown to identify it (`ask_live_AbC`). */
export const API_KEY_DISPLAY_PREFIX_LENGTH = 12;

const WELL_FORMED = new RegExp(`^${API_KEY_PREFIX}[0-9A-Za-z]{${RANDOM_LENGTH + CHECKSUM_LENGTH}}$`);

const CRC32_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 (IEEE 802.3) of an ASCII string. */
function crc32(ascii: string): number {
  let crc = 0xffffffff;
  for (let i = 0; i < ascii.length; i++) crc = CRC32_TABLE[(crc ^ ascii.charCodeAt(i)) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function base62(value: number, width: number): string {
  let out = '';
  let rest = value;
  for (let i = 0; i < width; i++) {
    out = BASE62[rest % 62]! + out;
    rest = Math.floor(rest / 62);
  }
  return out;
}

function checksum(random: string): string {
  return base62(crc32(random), CHECKSUM_LENGTH);
}

/** A new key secret; shown to its creator once and stored only as `hashApiKey(key)`. */
export function generateApiKeySecret(): string {
  let random = '';
  for (let i = 0; i < RANDOM_LENGTH; i++) random += BASE62[randomInt(62)];
  return `${API_KEY_PREFIX}${random}${checksum(random)}`;
}

/** Prefix, length, charset and checksum: a cheap local pre-check before any lookup. */
export function isWellFormedApiKey(key: unknown): key is string {
  if (typeof key !== 'string' || key.length !== API_KEY_LENGTH || !WELL_FORMED.test(key)) return false;
  const random = key.slice(API_KEY_PREFIX.length, API_KEY_PREFIX.length + RANDOM_LENGTH);
  return key.slice(API_KEY_PREFIX.length + RANDOM_LENGTH) === checksum(random);
}

/** SHA-256 hex of the whole key: what identity stores and what revocation broadcasts carry. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** The non-secret leading characters that identify a key in lists (`ask_live_AbC`). */
export function apiKeyDisplayPrefix(key: string): string {
  return key.slice(0, API_KEY_DISPLAY_PREFIX_LENGTH);
}
