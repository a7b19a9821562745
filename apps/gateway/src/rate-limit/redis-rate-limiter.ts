import { Redis } from 'ioredis';
import { RateLimiter, type Bucket, type RateLimitResult } from './rate-limiter.js';

// Checks every bucket first and increments only when all have room, atomically.
// KEYS: window keys; ARGV: limit1, window1, limit2, window2, ... Returns {allowed, count1, ttl1, ...}.
const SCRIPT = `
local n = #KEYS
for i = 1, n do
  local c = tonumber(redis.call('GET', KEYS[i]) or '0')
  if c >= tonumber(ARGV[i * 2 - 1]) then
    local out = {0}
    for j = 1, n do
      table.insert(out, tonumber(redis.call('GET', KEYS[j]) or '0'))
      table.insert(out, redis.call('PTTL', KEYS[j]))
    end
    return out
  end
end
local out = {1}
for i = 1, n do
  local c = redis.call('INCR', KEYS[i])
  if c == 1 then redis.call('PEXPIRE', KEYS[i], tonumber(ARGV[i * 2]) * 1000) end
  table.insert(out, c)
  table.insert(out, redis.call('PTTL', KEYS[i]))
end
return out
`;

/** Shared counters for several gateway replicas. */
export class RedisRateLimiter extends RateLimiter {
  private readonly redis: Redis;

  constructor(url: string, private readonly prefix: string, private readonly now: () => number = Date.now) {
    super();
    this.redis = new Redis(url, { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false });
    this.redis.defineCommand('agentryRateLimit', { lua: SCRIPT });
  }

  async consume(buckets: Bucket[]): Promise<RateLimitResult> {
    const now = this.now();
    const keys = buckets.map((b) => `${this.prefix}rl:${b.key}:${Math.floor(now / (b.windowSeconds * 1000))}`);
    const args = buckets.flatMap((b) => [b.limit, b.windowSeconds]);
    const raw = (await (this.redis as unknown as { agentryRateLimit: (...a: unknown[]) => Promise<number[]> }).agentryRateLimit(
      keys.length, ...keys, ...args,
    ));
    const allowed = raw[0] === 1;
    const states = buckets.map((b, i) => {
      const count = Number(raw[1 + i * 2]);
      const ttl = Number(raw[2 + i * 2]);
      return {
        name: b.name, limit: b.limit, remaining: Math.max(0, b.limit - count), windowSeconds: b.windowSeconds,
        resetSeconds: ttl > 0 ? Math.ceil(ttl / 1000) : b.windowSeconds,
      };
    });
    const full = states.filter((s) => s.remaining === 0);
    return { allowed, states, retryAfterSeconds: allowed ? 0 : Math.max(1, ...full.map((s) => s.resetSeconds)) };
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => undefined);
  }
}
