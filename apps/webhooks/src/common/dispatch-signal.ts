import { Injectable } from '@nestjs/common';

/** "Messages are due now": raised after a fan-out, a test send or a manual retry commits; the dispatcher listens. */
@Injectable()
export class DispatchSignal {
  private readonly listeners = new Set<() => void>();

  raise(): void {
    for (const listener of this.listeners) listener();
  }

  listen(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
