export interface Bucket {
  /** Policy name shown in the headers: "key", "org", "end-user", "ip". */
  name: string;
  /** Storage key, e.g. `key:key_123`. */
  key: string;
  limit: number;
  windowSeconds: number;
}

export interface BucketState {
  name: string;
  limit: number;
  remaining: number;
  windowSeconds: number;
  resetSeconds: number;
}

export interface RateLimitResult {
  allowed: boolean;
  states: BucketState[];
  retryAfterSeconds: number;
}

/**
 * Fixed-window counters over several buckets at once. A request is counted only when every
 * bucket has room, so a refused request does not use up anyone's budget.
 */
export abstract class RateLimiter {
  abstract consume(buckets: Bucket[]): Promise<RateLimitResult>;
  abstract close(): Promise<void>;
}

/** IETF RateLimit-Policy / RateLimit header values (draft-ietf-httpapi-ratelimit-headers, structured fields). */
export function rateLimitHeaders(result: RateLimitResult): { policy: string; current: string } {
  const policy = result.states.map((s) => `"${s.name}";q=${s.limit};w=${s.windowSeconds}`).join(', ');
  const tightest = result.states.reduce((a, b) => (b.remaining < a.remaining ? b : a));
  return { policy, current: `"${tightest.name}";r=${tightest.remaining};t=${tightest.resetSeconds}` };
}
