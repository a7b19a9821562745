import { appError, Errors, Subjects, isTerminalRunStatus, type RequestContext, type RunDto } from '@agentry/contracts';
import { GatewayConfig } from '../../../config/gateway.config.js';
import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Credential, GatewayReply } from '../../../core/gateway-request.js';
import { Authenticator } from '../../../edge/authenticator.js';
import { Services } from '../../../core/services.client.js';
import { RunEventHub } from './run-event-hub.js';
import { RunEventStream } from './run-event-stream.js';

const SEQ = /^(0|[1-9]\d{0,15})$/;

/** Opens live run event streams (`Accept: text/event-stream`) and ends them all at shutdown. */
@Injectable()
export class RunEventStreams implements OnModuleDestroy {
  private readonly open = new Set<RunEventStream>();
  /** Open streams per principal: each one holds a connection and polls a service. */
  private readonly perPrincipal = new Map<string, number>();
  private readonly stopHearingEvictions: () => void;

  constructor(
    private readonly services: Services,
    private readonly hub: RunEventHub,
    private readonly auth: Authenticator,
    private readonly config: GatewayConfig,
  ) {
    // A revocation anywhere: every open stream checks its own credential again, now.
    this.stopHearingEvictions = this.auth.onEviction(() => this.open.forEach((stream) => stream.poke()));
  }

  /** `Last-Event-ID` wins over `?after`; both are a run event `seq`. */
  static resumeFrom(lastEventId: string | undefined, after: string | undefined): number {
    const raw = lastEventId ?? after ?? '0';
    if (!SEQ.test(raw.trim())) throw Errors.validation([{ field: lastEventId !== undefined ? 'Last-Event-ID' : 'after', code: 'is_int', message: 'must be a run event seq (a non-negative integer)' }]);
    return Number(raw.trim());
  }

  /** Checks the run is visible first (404 as usual), then takes the connection over. */
  async stream(ctx: RequestContext, credential: Credential, runId: string, after: number, reply: GatewayReply): Promise<void> {
    const principal = ctx.principal.id;
    // Counted before anything is awaited: streams opened all at once cannot slip past the cap.
    if ((this.perPrincipal.get(principal) ?? 0) >= this.config.MAX_STREAMS_PER_PRINCIPAL) {
      throw appError(429, 'too_many_streams', `At most ${this.config.MAX_STREAMS_PER_PRINCIPAL} live event streams at once; close one first.`, { retryAfterSeconds: 5 });
    }
    this.perPrincipal.set(principal, (this.perPrincipal.get(principal) ?? 0) + 1);
    const released = () => {
      const left = (this.perPrincipal.get(principal) ?? 1) - 1;
      if (left <= 0) this.perPrincipal.delete(principal);
      else this.perPrincipal.set(principal, left);
    };
    let run: RunDto;
    try {
      run = await this.services.call<RunDto>(Subjects.runs.getRun, ctx, { id: runId });
    } catch (error) {
      released();
      throw error;
    }
    void reply.hijack();
    const headers: Record<string, string | number | string[]> = {};
    for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) headers[name] = value as string | number | string[];
    reply.raw.writeHead(200, {
      ...headers, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no',
    });
    let stopListening = (): void => undefined;
    const stream = new RunEventStream(this.services, ctx, runId, after, reply.raw, () => {
      stopListening();
      this.open.delete(stream);
      released();
    }, () => this.auth.stillGrants(credential, ctx, 'runs:read'));
    this.open.add(stream);
    stopListening = this.hub.listen(runId, () => stream.poke());
    stream.start(isTerminalRunStatus(run.status));
  }

  onModuleDestroy(): void {
    this.stopHearingEvictions();
    for (const stream of [...this.open]) stream.end();
  }
}
