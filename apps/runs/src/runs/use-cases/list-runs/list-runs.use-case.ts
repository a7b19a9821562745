import { isId, listReply, type ListReply, type ListRunsQuery, type RequestContext, type RunDto } from '@agentry/contracts';
import { CursorCodec, cursorScope } from '@agentry/persistence';
import { Injectable } from '@nestjs/common';
import { AgentsRepository } from '../../../agents/agents.repository.js';
import { DEFAULT_PAGE_SIZE, toPage } from '../../../common/pagination.js';
import { endUserScope } from '../../../common/tenant.js';
import { toRunDto } from '../../run.mapper.js';
import { RunsRepository, type RunFilters } from '../../runs.repository.js';

/** Newest first. Acting for an end-user shows only that end-user's runs. */
@Injectable()
export class ListRuns {
  constructor(private readonly runs: RunsRepository, private readonly agents: AgentsRepository, private readonly cursors: CursorCodec) {}

  async execute(ctx: RequestContext, query: ListRunsQuery): Promise<ListReply<RunDto>> {
    const scope = endUserScope(ctx);
    const list = cursorScope('runs', { orgId: scope.orgId, applicationId: scope.applicationId, endUserId: scope.endUserId }, {
      status: query.status, agentId: query.agentId, endUserId: query.endUserId, createdAfter: query.createdAfter, createdBefore: query.createdBefore,
    });
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const before = query.cursor ? this.cursors.decode<{ id: string }>(list, query.cursor).id : undefined;
    const filters = await this.filters(ctx, query);
    if (!filters) return listReply([], false, null);
    const rows = await this.runs.list(scope, filters, before, limit + 1);
    return toPage(rows, limit, toRunDto, (last) => this.cursors.encode(list, { id: last.id }));
  }

  /** Null when a filter names something that cannot match (an unknown agent slug, a malformed end-user id). */
  private async filters(ctx: RequestContext, query: ListRunsQuery): Promise<RunFilters | null> {
    const filters: RunFilters = { status: query.status };
    if (query.agentId) {
      if (isId('agt', query.agentId)) filters.agentId = query.agentId;
      else {
        const agent = await this.agents.findByRef(endUserScope(ctx), query.agentId);
        if (!agent) return null;
        filters.agentId = agent.id;
      }
    }
    if (query.endUserId) {
      if (!isId('eu', query.endUserId)) return null;
      filters.endUserId = query.endUserId;
    }
    if (query.createdAfter) filters.createdAfter = new Date(query.createdAfter);
    if (query.createdBefore) filters.createdBefore = new Date(query.createdBefore);
    return filters;
  }
}
