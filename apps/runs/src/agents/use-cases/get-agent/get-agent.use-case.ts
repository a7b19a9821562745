import { agentRefOf, type AgentDto, type AgentRef, type RequestContext } from '@agentry/contracts';
import { Injectable } from '@nestjs/common';
import { appScope } from '../../../common/tenant.js';
import { AgentErrors } from '../../agent-errors.js';
import { toAgentDto } from '../../agent.mapper.js';
import { AgentsRepository } from '../../agents.repository.js';

@Injectable()
export class GetAgent {
  constructor(private readonly agents: AgentsRepository) {}

  async execute(ctx: RequestContext, input: AgentRef): Promise<AgentDto> {
    const agent = await this.agents.findByRef(appScope(ctx), agentRefOf(input));
    if (!agent) throw AgentErrors.notFound();
    return toAgentDto(agent);
  }
}
