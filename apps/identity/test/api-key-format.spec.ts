import { crc32 as zlibCrc32 } from 'node:zlib';
import { API_KEY_LENGTH, apiKeyDisplayPrefix, generateApiKeySecret, hashApiKey, isWellFormedApiKey } from '@agentry/contracts';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function decodeBase62(s: string): number {
  return [...s].reduce((n, c) => n * 62 + BASE62.indexOf(c), 0);
}

describe('API key format', () => {
  const key = generateApiKeySecret();

  it('is ask_live_ + 32 random base62 + 6 base62 of the CRC32 of the random part', () => {
    expect(key).toMatch(/^ask_live_[0-9A-Za-z]{38}$/);
    expect(key).toHaveLength(API_KEY_LENGTH);
    expect(API_KEY_LENGTH).toBe(47);
    const random = key.slice(9, 41);
    expect(decodeBase62(key.slice(41))).toBe(zlibCrc32(random));
    expect(isWellFormedApiKey(key)).toBe(true);
  });

  it('rejects every one-character change, in the random part and in the checksum', () => {
    for (let i = 9; i < key.length; i++) {
      for (const shift of [1, 31, 61]) {
        const replacement = BASE62[(BASE62.indexOf(key[i]!) + shift) % 62]!;
        const changed = key.slice(0, i) + replacement + key.slice(i + 1);
        expect(isWellFormedApiKey(changed)).toBe(false);
      }
    }
  });

  it('rejects a wrong prefix, length or charset, and non-strings', () => {
    expect(isWellFormedApiKey(key.replace('ask_live_', 'ask_test_'))).toBe(false);
    expect(isWellFormedApiKey(key.slice(0, -1))).toBe(false);
    expect(isWellFormedApiKey(`${key}0`)).toBe(false);
    expect(isWellFormedApiKey(`${key.slice(0, 20)}-${key.slice(21)}`)).toBe(false);
    expect(isWellFormedApiKey(` ${key.slice(1)}`)).toBe(false);
    expect(isWellFormedApiKey(undefined)).toBe(false);
    expect(isWellFormedApiKey(42)).toBe(false);
  });

  it('generates distinct keys', () => {
    const keys = new Set(Array.from({ length: 2000 }, generateApiKeySecret));
    expect(keys.size).toBe(2000);
    for (const k of keys) expect(isWellFormedApiKey(k)).toBe(true);
  });

  it('hashes with SHA-256 hex and shows a 12-character prefix', () => {
    expect(hashApiKey('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hashApiKey(key)).toMatch(/^[0-9a-f]{64}$/);
    expect(apiKeyDisplayPrefix(key)).toBe(key.slice(0, 12));
    expect(apiKeyDisplayPrefix(key)).toMatch(/^ask_live_[0-9A-Za-z]{3}$/);
  });
});
