import { randomBytes } from 'node:crypto';
import { MemoryRateLimiter } from '../src/rate-limit/memory-rate-limiter.js';
import { rateLimitHeaders, type Bucket, type RateLimiter } from '../src/rate-limit/rate-limiter.js';
import { RedisRateLimiter } from '../src/rate-limit/redis-rate-limiter.js';

const buckets = (tag: string): Bucket[] => [
  { name: 'key', key: `key:${tag}`, limit: 5, windowSeconds: 60 },
  { name: 'org', key: `org:${tag}`, limit: 2, windowSeconds: 60 },
];

function behavesLikeARateLimiter(name: string, make: () => RateLimiter) {
  describe(name, () => {
    let limiter: RateLimiter;
    beforeAll(() => {
      limiter = make();
    });
    afterAll(() => limiter.close());

    it('refuses once any bucket is full, without consuming the others', async () => {
      const tag = randomBytes(4).toString('hex');
      const first = await limiter.consume(buckets(tag));
      const second = await limiter.consume(buckets(tag));
      const third = await limiter.consume(buckets(tag));
      expect([first.allowed, second.allowed, third.allowed]).toEqual([true, true, false]);
      expect(third.retryAfterSeconds).toBeGreaterThan(0);
      // The refused request did not use the key bucket: 5 - 2 remain.
      expect(third.states.find((s) => s.name === 'key')?.remaining).toBe(3);
      expect(third.states.find((s) => s.name === 'org')?.remaining).toBe(0);
      // Another key in the same org is refused too (the org bucket is shared).
      const otherKey = await limiter.consume([{ ...buckets('x')[0]!, key: `key:${tag}-2` }, buckets(tag)[1]!]);
      expect(otherKey.allowed).toBe(false);
    });

    it('formats the IETF headers with the tightest bucket', async () => {
      const result = await limiter.consume(buckets(randomBytes(4).toString('hex')));
      const headers = rateLimitHeaders(result);
      expect(headers.policy).toBe('"key";q=5;w=60, "org";q=2;w=60');
      expect(headers.current).toMatch(/^"org";r=1;t=\d+$/);
    });
  });
}

behavesLikeARateLimiter('MemoryRateLimiter', () => new MemoryRateLimiter());
behavesLikeARateLimiter('RedisRateLimiter (real Redis)', () => new RedisRateLimiter(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', `test${randomBytes(4).toString('hex')}:`));

describe('fixed windows', () => {
  it('opens a new window after the old one ends', async () => {
    let now = 0;
    const limiter = new MemoryRateLimiter(() => now);
    const bucket = [{ name: 'key', key: 'k', limit: 1, windowSeconds: 60 }];
    expect((await limiter.consume(bucket)).allowed).toBe(true);
    expect((await limiter.consume(bucket)).allowed).toBe(false);
    now = 60_000;
    expect((await limiter.consume(bucket)).allowed).toBe(true);
    await limiter.close();
  });
});
