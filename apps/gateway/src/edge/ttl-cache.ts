/**
 * A small TTL map with single-flight loading: concurrent misses for one key share one load.
 * An eviction also discards loads in flight: a load that began before a revocation may carry
 * the old answer, so it serves its own waiters but is not cached.
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number }>();
  private readonly loading = new Map<string, Promise<V>>();
  private evictions = 0;

  constructor(private readonly ttlMs: number, private readonly maxEntries = 50_000) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  async getOrLoad(key: string, load: () => Promise<V>): Promise<V> {
    const hit = this.get(key);
    if (hit !== undefined) return hit;
    const pending = this.loading.get(key);
    if (pending) return pending;
    const startedAt = this.evictions;
    const promise: Promise<V> = load().then(
      (value) => {
        if (this.loading.get(key) === promise) this.loading.delete(key);
        if (this.evictions === startedAt) this.set(key, value);
        return value;
      },
      (error: unknown) => {
        if (this.loading.get(key) === promise) this.loading.delete(key);
        throw error;
      },
    );
    this.loading.set(key, promise);
    return promise;
  }

  set(key: string, value: V): void {
    if (this.ttlMs <= 0) return;
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, { value, expiresAt: Date.now() + this.ttlMs });
  }

  delete(key: string): void {
    this.evictions++;
    this.entries.delete(key);
    this.loading.delete(key);
  }

  /** A load in flight has no value to test yet, so every one is discarded. */
  deleteWhere(predicate: (key: string, value: V) => boolean): void {
    this.evictions++;
    for (const [key, entry] of this.entries) if (predicate(key, entry.value)) this.entries.delete(key);
    this.loading.clear();
  }
}
