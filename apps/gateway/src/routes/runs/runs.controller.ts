import { Subjects, type RequestContext } from '@agentry/contracts';
import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { Context, JsonBody, withIds } from '../../core/context.decorator.js';
import { Requires } from '../../core/route-metadata.js';
import type { GatewayReply, GatewayRequest } from '../../core/gateway-request.js';
import { Services } from '../../core/services.client.js';
import { RunEventStreams } from './events/run-event-streams.js';

const S = Subjects.runs;

@Controller('runs')
export class RunsController {
  constructor(private readonly services: Services, private readonly streams: RunEventStreams) {}

  @Post() @HttpCode(201) @Requires('agents:run')
  create(@Context() ctx: RequestContext, @JsonBody() body: unknown) {
    return this.services.call(S.createRun, ctx, body);
  }

  /** Body `{agentId?, endUserId?, status?, reason?}` → `{matched, cancelled}`. */
  @Post('cancel') @HttpCode(200) @Requires('runs:cancel')
  cancelMany(@Context() ctx: RequestContext, @JsonBody() body: unknown) {
    return this.services.call(S.cancelRuns, ctx, body);
  }

  @Get() @Requires('runs:read')
  list(@Context() ctx: RequestContext, @Query() query: Record<string, string>) {
    return this.services.call(S.listRuns, ctx, query);
  }

  @Get(':id') @Requires('runs:read')
  get(@Context() ctx: RequestContext, @Param('id') id: string) {
    return this.services.call(S.getRun, ctx, { id });
  }

  /** The list, or with `Accept: text/event-stream` a live stream resuming after `Last-Event-ID`. */
  @Get(':id/events') @Requires('runs:read')
  async events(
    @Context() ctx: RequestContext, @Param('id') id: string, @Query() query: Record<string, string>,
    @Req() request: GatewayRequest, @Res({ passthrough: true }) reply: GatewayReply,
  ) {
    if (!String(request.headers.accept ?? '').includes('text/event-stream')) return this.services.call(S.listRunEvents, ctx, { ...query, id });
    const lastEventId = request.headers['last-event-id'];
    const after = RunEventStreams.resumeFrom(Array.isArray(lastEventId) ? lastEventId[0] : lastEventId, query.after);
    await this.streams.stream(ctx, request.edge.credential!, id, after, reply);
    return undefined;
  }

  /** Body: optional `{reason}` (1..500 characters), kept as the run's `cancelReason`. */
  @Post(':id/cancel') @HttpCode(200) @Requires('runs:cancel')
  cancel(@Context() ctx: RequestContext, @Param('id') id: string, @JsonBody() body: unknown) {
    return this.services.call(S.cancelRun, ctx, withIds(body, { id }));
  }
}
