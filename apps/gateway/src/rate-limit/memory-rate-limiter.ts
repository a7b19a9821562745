import { RateLimiter, type Bucket, type BucketState, type RateLimitResult } from './rate-limiter.js';

interface Window {
  start: number;
  count: number;
}

/** One process's counters; right for a single gateway (dev, tests). Redis is used when configured. */
export class MemoryRateLimiter extends RateLimiter {
  private readonly windows = new Map<string, Window>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly now: () => number = Date.now) {
    super();
    this.sweeper = setInterval(() => this.sweep(), 60_000);
    this.sweeper.unref();
  }

  async consume(buckets: Bucket[]): Promise<RateLimitResult> {
    const now = this.now();
    const current = buckets.map((bucket) => {
      const windowMs = bucket.windowSeconds * 1000;
      const start = Math.floor(now / windowMs) * windowMs;
      let window = this.windows.get(bucket.key);
      if (!window || window.start !== start) {
        window = { start, count: 0 };
        this.windows.set(bucket.key, window);
      }
      return { bucket, window, resetSeconds: Math.max(1, Math.ceil((start + windowMs - now) / 1000)) };
    });
    const allowed = current.every(({ bucket, window }) => window.count < bucket.limit);
    if (allowed) for (const c of current) c.window.count++;
    const states: BucketState[] = current.map(({ bucket, window, resetSeconds }) => ({
      name: bucket.name, limit: bucket.limit, remaining: Math.max(0, bucket.limit - window.count),
      windowSeconds: bucket.windowSeconds, resetSeconds,
    }));
    const retryAfterSeconds = allowed ? 0 : Math.max(...current.filter((c) => c.window.count >= c.bucket.limit).map((c) => c.resetSeconds));
    return { allowed, states, retryAfterSeconds };
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, window] of this.windows) if (now - window.start > 3_600_000) this.windows.delete(key);
  }
}
