import { auditFromContext, newId, type AgentDto, type CreateAgentRequest, type RequestContext } from '@agentry/contracts';
import { OutboxWriter } from '@agentry/messaging';
import { isUniqueViolation } from '@agentry/persistence';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SchemaValidator } from '../../../common/json-schema.js';
import { appScope } from '../../../common/tenant.js';
import { AgentErrors } from '../../agent-errors.js';
import { toAgentDto, toAgentVersionDto } from '../../agent.mapper.js';
import { AgentVersionsRepository } from '../../agent-versions.repository.js';
import { AgentsRepository } from '../../agents.repository.js';
import { AgentEntity } from '../../entities/agent.entity.js';
import { newVersion } from '../../new-version.js';

/** Creates the agent and its immutable version 1. */
@Injectable()
export class CreateAgent {
  constructor(
    private readonly dataSource: DataSource,
    private readonly agents: AgentsRepository,
    private readonly versions: AgentVersionsRepository,
    private readonly schemas: SchemaValidator,
    private readonly outbox: OutboxWriter,
  ) {}

  async execute(ctx: RequestContext, input: CreateAgentRequest): Promise<AgentDto> {
    const scope = appScope(ctx);
    this.schemas.assertCompiles('inputSchema', input.inputSchema);
    this.schemas.assertCompiles('outputSchema', input.outputSchema);
    const now = new Date();
    const agent = Object.assign(new AgentEntity(), {
      id: newId('agt'), orgId: scope.orgId, applicationId: scope.applicationId, slug: input.slug, name: input.name.trim(),
      description: input.description ?? null, latestVersion: 1, createdAt: now, updatedAt: now, deletedAt: null,
    });
    const version = newVersion(agent, 1, input, now);
    try {
      await this.dataSource.transaction(async (manager) => {
        await this.agents.insert(manager, agent);
        await this.versions.insert(manager, version);
        await this.outbox.addEvent(manager, {
          type: 'agent.created', orgId: scope.orgId, applicationId: scope.applicationId,
          data: { agent: toAgentDto(agent), version: toAgentVersionDto(version) },
          audit: auditFromContext(ctx, 'agent.create', { type: 'agent', id: agent.id }), traceparent: ctx.traceparent,
        });
      });
    } catch (error) {
      if (isUniqueViolation(error, 'agents_slug_unique')) throw AgentErrors.slugTaken(input.slug);
      throw error;
    }
    return toAgentDto(agent);
  }
}
