import { DEFAULT_AGENT_TIMEOUT_SECONDS, newId, type ExecutorSpec } from '@agentry/contracts';
import type { AgentEntity } from './entities/agent.entity.js';
import { AgentVersionEntity } from './entities/agent-version.entity.js';

export interface VersionSpec {
  executor: ExecutorSpec;
  inputSchema?: Record<string, unknown> | null;
  outputSchema?: Record<string, unknown> | null;
  timeoutSeconds?: number | null;
  maxCostMicroUsd?: number | null;
}

/** Whitelists the executor's fields: only what the contract class validated is stored. */
function storedExecutor(executor: ExecutorSpec): ExecutorSpec {
  switch (executor.kind) {
    case 'builtin':
      return { kind: 'builtin', name: executor.name };
    case 'http':
      return executor.timeoutSeconds === undefined ? { kind: 'http', url: executor.url } : { kind: 'http', url: executor.url, timeoutSeconds: executor.timeoutSeconds };
    case 'command':
      return { kind: 'command', command: [...executor.command] };
  }
}

export function newVersion(agent: AgentEntity, version: number, spec: VersionSpec, now: Date): AgentVersionEntity {
  return Object.assign(new AgentVersionEntity(), {
    id: newId('agv'), agentId: agent.id, orgId: agent.orgId, applicationId: agent.applicationId, version,
    executor: storedExecutor(spec.executor), inputSchema: spec.inputSchema ?? null, outputSchema: spec.outputSchema ?? null,
    timeoutSeconds: spec.timeoutSeconds ?? DEFAULT_AGENT_TIMEOUT_SECONDS,
    maxCostMicroUsd: spec.maxCostMicroUsd === undefined || spec.maxCostMicroUsd === null ? null : String(spec.maxCostMicroUsd), createdAt: now,
  });
}
