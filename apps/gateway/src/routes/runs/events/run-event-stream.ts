import { AppError, Subjects, type ListReply, type RequestContext, type RunEventDto } from '@agentry/contracts';
import type { ServerResponse } from 'node:http';
import type { Services } from '../../../core/services.client.js';

const TERMINAL_EVENTS = new Set(['run.succeeded', 'run.failed', 'run.cancelled', 'run.timed_out']);
/** A missed poke costs at most this much delay. */
const POLL_MS = 5_000;
/** Proxies drop idle connections; a comment line keeps this one alive. */
const KEEPALIVE_MS = 15_000;
/** A stream ends after this long; the client reconnects with Last-Event-ID and loses nothing. */
export const MAX_STREAM_MS = 15 * 60_000;

/**
 * One `text/event-stream` of a run's events, from `after` (Last-Event-ID) on. Every write comes
 * from the runs service's own list (by `seq`), so pokes only say "look again": none can be
 * lost, duplicated or reordered. Ends after the run's terminal event, or as soon as the caller's
 * credential no longer grants `runs:read` (checked before every write and on every revocation).
 */
export class RunEventStream {
  private last: number;
  private pumping = false;
  private again = false;
  private ended = false;
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly services: Services,
    private readonly ctx: RequestContext,
    private readonly runId: string,
    after: number,
    private readonly out: ServerResponse,
    private readonly onEnd: () => void,
    /** Asked before every write: a revoked key, an ended session or a removed member stops the stream. */
    private readonly authorized: () => Promise<boolean>,
  ) {
    this.last = after;
  }

  /** The status line and headers are already written. */
  start(runIsTerminal: boolean): void {
    this.out.write('retry: 2000\n\n');
    this.timers.push(setInterval(() => this.poke(), POLL_MS), setInterval(() => this.write(': keepalive\n\n'), KEEPALIVE_MS));
    this.timers.push(setTimeout(() => this.end(), MAX_STREAM_MS));
    for (const timer of this.timers) timer.unref();
    this.out.once('close', () => this.end());
    void this.pump(runIsTerminal);
  }

  poke(): void {
    void this.pump(false);
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.timers.forEach((t) => clearInterval(t));
    this.out.end();
    this.onEnd();
  }

  /** Writes everything after `last`; one pass at a time, and another if poked meanwhile. */
  private async pump(endWhenDrained: boolean): Promise<void> {
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.again = false;
        if (!(await this.authorized())) return this.end();
        let page: ListReply<RunEventDto>;
        do {
          page = await this.services.call<ListReply<RunEventDto>>(Subjects.runs.listRunEvents, this.ctx, { id: this.runId, after: this.last, limit: 100 });
          for (const event of page.data) {
            this.write(`id: ${event.seq}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
            this.last = event.seq;
            if (TERMINAL_EVENTS.has(event.type)) return this.end();
          }
        } while (page.hasMore && !this.ended);
        if (endWhenDrained) return this.end();
      } while (this.again && !this.ended);
    } catch (error) {
      // The run is gone for this caller: nothing more will come. Otherwise the next poke retries.
      if (error instanceof AppError && error.status === 404) this.end();
    } finally {
      this.pumping = false;
    }
  }

  private write(chunk: string): void {
    if (!this.ended && this.out.writable) this.out.write(chunk);
  }
}
