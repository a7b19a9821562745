import type { AgentDto, AgentVersionDto } from '@agentry/contracts';
import type { AgentVersionEntity } from './entities/agent-version.entity.js';
import type { AgentEntity } from './entities/agent.entity.js';

export function toAgentDto(agent: AgentEntity): AgentDto {
  return {
    id: agent.id, object: 'agent', slug: agent.slug, name: agent.name, description: agent.description,
    latestVersion: agent.latestVersion, createdAt: agent.createdAt.toISOString(), updatedAt: agent.updatedAt.toISOString(),
  };
}

export function toAgentVersionDto(version: AgentVersionEntity): AgentVersionDto {
  return {
    id: version.id, object: 'agent_version', agentId: version.agentId, version: version.version, executor: version.executor,
    inputSchema: version.inputSchema, outputSchema: version.outputSchema, timeoutSeconds: version.timeoutSeconds,
    maxCostMicroUsd: version.maxCostMicroUsd === null || version.maxCostMicroUsd === undefined ? null : Number(version.maxCostMicroUsd),
    createdAt: version.createdAt.toISOString(),
  };
}
