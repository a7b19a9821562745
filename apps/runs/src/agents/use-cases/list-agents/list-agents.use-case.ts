import type { AgentDto, ListAgentsQuery, ListReply, RequestContext } from '@agentry/contracts';
import { CursorCodec, cursorScope } from '@agentry/persistence';
import { Injectable } from '@nestjs/common';
import { DEFAULT_PAGE_SIZE, toPage } from '../../../common/pagination.js';
import { appScope } from '../../../common/tenant.js';
import { toAgentDto } from '../../agent.mapper.js';
import { AgentsRepository } from '../../agents.repository.js';

@Injectable()
export class ListAgents {
  constructor(private readonly agents: AgentsRepository, private readonly cursors: CursorCodec) {}

  async execute(ctx: RequestContext, query: ListAgentsQuery): Promise<ListReply<AgentDto>> {
    const scope = appScope(ctx);
    const list = cursorScope('agents', { orgId: scope.orgId, applicationId: scope.applicationId });
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const before = query.cursor ? this.cursors.decode<{ id: string }>(list, query.cursor).id : undefined;
    const rows = await this.agents.list(scope, before, limit + 1);
    return toPage(rows, limit, toAgentDto, (last) => this.cursors.encode(list, { id: last.id }));
  }
}
