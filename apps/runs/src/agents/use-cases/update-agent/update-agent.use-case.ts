import { agentRefOf, auditFromContext, type AgentDto, type RequestContext, type UpdateAgentRequest } from '@agentry/contracts';
import { OutboxWriter } from '@agentry/messaging';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { appScope } from '../../../common/tenant.js';
import { AgentErrors } from '../../agent-errors.js';
import { toAgentDto } from '../../agent.mapper.js';
import { AgentsRepository } from '../../agents.repository.js';

/** Name and description only: what an agent does lives in its immutable versions. */
@Injectable()
export class UpdateAgent {
  constructor(private readonly dataSource: DataSource, private readonly agents: AgentsRepository, private readonly outbox: OutboxWriter) {}

  async execute(ctx: RequestContext, input: UpdateAgentRequest): Promise<AgentDto> {
    const scope = appScope(ctx);
    return this.dataSource.transaction(async (manager) => {
      const agent = await this.agents.findByRefForUpdate(manager, scope, agentRefOf(input));
      if (!agent) throw AgentErrors.notFound();
      if (input.name !== undefined) agent.name = input.name.trim();
      if (input.description !== undefined) agent.description = input.description;
      agent.updatedAt = new Date();
      await this.agents.save(manager, scope, agent);
      const dto = toAgentDto(agent);
      await this.outbox.addEvent(manager, {
        type: 'agent.updated', orgId: scope.orgId, applicationId: scope.applicationId, data: dto,
        audit: auditFromContext(ctx, 'agent.update', { type: 'agent', id: agent.id }), traceparent: ctx.traceparent,
      });
      return dto;
    });
  }
}
