import { Injectable } from '@nestjs/common';
import { RunAborted, type AbortKind } from './run-abort.js';

/** The runs this runner is executing, by id, with the controller that aborts each. */
@Injectable()
export class ActiveRuns {
  private readonly runs = new Map<string, { controller: AbortController; done: Promise<void> }>();

  get size(): number {
    return this.runs.size;
  }

  add(runId: string, controller: AbortController, done: Promise<void>): void {
    this.runs.set(runId, { controller, done });
    void done.finally(() => {
      if (this.runs.get(runId)?.controller === controller) this.runs.delete(runId);
    });
  }

  abort(runId: string, kind: AbortKind): boolean {
    const run = this.runs.get(runId);
    if (!run || run.controller.signal.aborted) return false;
    run.controller.abort(new RunAborted(kind));
    return true;
  }

  abortAll(kind: AbortKind): void {
    for (const runId of this.runs.keys()) this.abort(runId, kind);
  }

  /** Resolves when every current run has finished, or after `ms`. */
  async settled(ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...this.runs.values()].map((run) => run.done)),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, ms))),
    ]);
    clearTimeout(timer);
  }
}
