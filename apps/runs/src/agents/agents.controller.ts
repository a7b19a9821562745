import { AgentRef, CreateAgentRequest, ListAgentsQuery, ListVersionsQuery, PublishVersionRequest, Subjects, UpdateAgentRequest, type RequestContext } from '@agentry/contracts';
import { Ctx, Data, Rpc } from '@agentry/messaging';
import { Controller } from '@nestjs/common';
import { CreateAgent } from './use-cases/create-agent/create-agent.use-case.js';
import { DeleteAgent } from './use-cases/delete-agent/delete-agent.use-case.js';
import { GetAgent } from './use-cases/get-agent/get-agent.use-case.js';
import { ListAgents } from './use-cases/list-agents/list-agents.use-case.js';
import { ListVersions } from './use-cases/list-versions/list-versions.use-case.js';
import { PublishVersion } from './use-cases/publish-version/publish-version.use-case.js';
import { UpdateAgent } from './use-cases/update-agent/update-agent.use-case.js';

/** Thin: each handler validates (via @Data) and delegates to one use case. */
@Controller()
export class AgentsController {
  constructor(
    private readonly createAgent: CreateAgent,
    private readonly listAgents: ListAgents,
    private readonly getAgent: GetAgent,
    private readonly updateAgent: UpdateAgent,
    private readonly deleteAgent: DeleteAgent,
    private readonly publishVersion: PublishVersion,
    private readonly listVersions: ListVersions,
  ) {}

  @Rpc(Subjects.runs.createAgent)
  create(@Ctx() ctx: RequestContext, @Data(CreateAgentRequest) input: CreateAgentRequest) {
    return this.createAgent.execute(ctx, input);
  }

  @Rpc(Subjects.runs.listAgents)
  list(@Ctx() ctx: RequestContext, @Data(ListAgentsQuery) query: ListAgentsQuery) {
    return this.listAgents.execute(ctx, query);
  }

  @Rpc(Subjects.runs.getAgent)
  get(@Ctx() ctx: RequestContext, @Data(AgentRef) input: AgentRef) {
    return this.getAgent.execute(ctx, input);
  }

  @Rpc(Subjects.runs.updateAgent)
  update(@Ctx() ctx: RequestContext, @Data(UpdateAgentRequest) input: UpdateAgentRequest) {
    return this.updateAgent.execute(ctx, input);
  }

  @Rpc(Subjects.runs.deleteAgent)
  delete(@Ctx() ctx: RequestContext, @Data(AgentRef) input: AgentRef) {
    return this.deleteAgent.execute(ctx, input);
  }

  @Rpc(Subjects.runs.publishVersion)
  publish(@Ctx() ctx: RequestContext, @Data(PublishVersionRequest) input: PublishVersionRequest) {
    return this.publishVersion.execute(ctx, input);
  }

  @Rpc(Subjects.runs.listVersions)
  versions(@Ctx() ctx: RequestContext, @Data(ListVersionsQuery) query: ListVersionsQuery) {
    return this.listVersions.execute(ctx, query);
  }
}
