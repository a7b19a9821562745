import { agentRefOf, auditFromContext, type AgentRef, type DeletedAgentReply, type RequestContext } from '@agentry/contracts';
import { OutboxWriter } from '@agentry/messaging';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { appScope } from '../../../common/tenant.js';
import { AgentErrors } from '../../agent-errors.js';
import { toAgentDto } from '../../agent.mapper.js';
import { AgentsRepository } from '../../agents.repository.js';

/** Soft delete: the agent disappears (and frees its slug), its versions and runs stay for history. */
@Injectable()
export class DeleteAgent {
  constructor(private readonly dataSource: DataSource, private readonly agents: AgentsRepository, private readonly outbox: OutboxWriter) {}

  async execute(ctx: RequestContext, input: AgentRef): Promise<DeletedAgentReply> {
    const scope = appScope(ctx);
    return this.dataSource.transaction(async (manager) => {
      const agent = await this.agents.findByRefForUpdate(manager, scope, agentRefOf(input));
      if (!agent) throw AgentErrors.notFound();
      agent.deletedAt = agent.updatedAt = new Date();
      await this.agents.save(manager, scope, agent);
      await this.outbox.addEvent(manager, {
        type: 'agent.deleted', orgId: scope.orgId, applicationId: scope.applicationId, data: toAgentDto(agent),
        audit: auditFromContext(ctx, 'agent.delete', { type: 'agent', id: agent.id }), traceparent: ctx.traceparent,
      });
      return { id: agent.id, object: 'agent', deleted: true };
    });
  }
}
