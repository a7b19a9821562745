import { isId, type ListReply, type ListRunEventsQuery, type RequestContext, type RunEventDto } from '@agentry/contracts';
import { CursorCodec, cursorScope } from '@agentry/persistence';
import { Injectable } from '@nestjs/common';
import { toPage } from '../../../common/pagination.js';
import { endUserScope } from '../../../common/tenant.js';
import { RunErrors } from '../../run-errors.js';
import { RunEventsRepository } from '../../run-events.repository.js';
import { toRunEventDto } from '../../run.mapper.js';
import { RunsRepository } from '../../runs.repository.js';

const DEFAULT_EVENTS_PAGE = 20;

/** A run's history, oldest first, resumable from a `seq` (`after`) or a `cursor`. */
@Injectable()
export class ListRunEvents {
  constructor(private readonly runs: RunsRepository, private readonly events: RunEventsRepository, private readonly cursors: CursorCodec) {}

  async execute(ctx: RequestContext, query: ListRunEventsQuery): Promise<ListReply<RunEventDto>> {
    if (!isId('run', query.id)) throw RunErrors.notFound();
    const scope = endUserScope(ctx);
    const run = await this.runs.findVisible(scope, query.id);
    if (!run) throw RunErrors.notFound();
    const list = cursorScope('run_events', { orgId: scope.orgId, applicationId: scope.applicationId, runId: run.id });
    const fromCursor = query.cursor ? Number(this.cursors.decode<{ seq: number }>(list, query.cursor).seq) : 0;
    const after = Math.max(fromCursor, query.after ?? 0);
    const limit = query.limit ?? DEFAULT_EVENTS_PAGE;
    const rows = await this.events.list(run.id, after, limit + 1);
    return toPage(rows, limit, toRunEventDto, (last) => this.cursors.encode(list, { seq: Number(last.seq) }));
  }
}
