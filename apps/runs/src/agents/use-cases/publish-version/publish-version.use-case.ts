import { agentRefOf, auditFromContext, type AgentVersionDto, type PublishVersionRequest, type RequestContext } from '@agentry/contracts';
import { OutboxWriter } from '@agentry/messaging';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SchemaValidator } from '../../../common/json-schema.js';
import { appScope } from '../../../common/tenant.js';
import { AgentErrors } from '../../agent-errors.js';
import { toAgentVersionDto } from '../../agent.mapper.js';
import { AgentVersionsRepository } from '../../agent-versions.repository.js';
import { AgentsRepository } from '../../agents.repository.js';
import { newVersion } from '../../new-version.js';

/** Version n+1, numbered under the agent's row lock so two publishes never get the same number. */
@Injectable()
export class PublishVersion {
  constructor(
    private readonly dataSource: DataSource,
    private readonly agents: AgentsRepository,
    private readonly versions: AgentVersionsRepository,
    private readonly schemas: SchemaValidator,
    private readonly outbox: OutboxWriter,
  ) {}

  async execute(ctx: RequestContext, input: PublishVersionRequest): Promise<AgentVersionDto> {
    const scope = appScope(ctx);
    this.schemas.assertCompiles('inputSchema', input.inputSchema);
    this.schemas.assertCompiles('outputSchema', input.outputSchema);
    return this.dataSource.transaction(async (manager) => {
      const agent = await this.agents.findByRefForUpdate(manager, scope, agentRefOf(input));
      if (!agent) throw AgentErrors.notFound();
      const now = new Date();
      const version = newVersion(agent, agent.latestVersion + 1, input, now);
      await this.versions.insert(manager, version);
      agent.latestVersion = version.version;
      agent.updatedAt = now;
      await this.agents.save(manager, scope, agent);
      const dto = toAgentVersionDto(version);
      await this.outbox.addEvent(manager, {
        type: 'agent.version_published', orgId: scope.orgId, applicationId: scope.applicationId, data: dto,
        audit: auditFromContext(ctx, 'agent.publish', { type: 'agent', id: agent.id }, { version: version.version }), traceparent: ctx.traceparent,
      });
      return dto;
    });
  }
}
