/** A counting semaphore: at most `limit` holders; `close()` refuses every waiter (shutdown). */
export class ConcurrencyLimiter {
  private active = 0;
  private closed = false;
  private readonly waiters: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];

  constructor(private readonly limit: number) {}

  get inUse(): number {
    return this.active;
  }

  /** Resolves with a release function once a slot is free. */
  async acquire(): Promise<() => void> {
    if (this.closed) throw new Error('runner is shutting down');
    if (this.active >= this.limit) await new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    this.active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
      this.waiters.shift()?.resolve();
    };
  }

  close(): void {
    this.closed = true;
    for (const waiter of this.waiters.splice(0)) waiter.reject(new Error('runner is shutting down'));
  }
}
