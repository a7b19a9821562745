import { agentRefOf, type AgentVersionDto, type ListReply, type ListVersionsQuery, type RequestContext } from '@agentry/contracts';
import { CursorCodec, cursorScope } from '@agentry/persistence';
import { Injectable } from '@nestjs/common';
import { DEFAULT_PAGE_SIZE, toPage } from '../../../common/pagination.js';
import { appScope } from '../../../common/tenant.js';
import { AgentErrors } from '../../agent-errors.js';
import { toAgentVersionDto } from '../../agent.mapper.js';
import { AgentVersionsRepository } from '../../agent-versions.repository.js';
import { AgentsRepository } from '../../agents.repository.js';

/** Newest version first. */
@Injectable()
export class ListVersions {
  constructor(private readonly agents: AgentsRepository, private readonly versions: AgentVersionsRepository, private readonly cursors: CursorCodec) {}

  async execute(ctx: RequestContext, query: ListVersionsQuery): Promise<ListReply<AgentVersionDto>> {
    const scope = appScope(ctx);
    const agent = await this.agents.findByRef(scope, agentRefOf(query));
    if (!agent) throw AgentErrors.notFound();
    const list = cursorScope('agent_versions', { orgId: scope.orgId, applicationId: scope.applicationId, agentId: agent.id });
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const before = query.cursor ? Number(this.cursors.decode<{ v: number }>(list, query.cursor).v) : undefined;
    const rows = await this.versions.list(scope, agent.id, before, limit + 1);
    return toPage(rows, limit, toAgentVersionDto, (last) => this.cursors.encode(list, { v: last.version }));
  }
}
