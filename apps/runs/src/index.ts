import type { ServiceDefinition } from '@agentry/messaging';
import { AgentVersionEntity } from './agents/entities/agent-version.entity.js';
import { AgentEntity } from './agents/entities/agent.entity.js';
import { RunsConfig } from './config/runs.config.js';
import { runsMigrations } from './database/migrations/index.js';
import { RunEventEntity } from './runs/entities/run-event.entity.js';
import { RunEntity } from './runs/entities/run.entity.js';
import { RunsServiceModule } from './runs-service.module.js';

export { RunsConfig };

export const runsService: ServiceDefinition<RunsConfig> = {
  name: 'runs',
  schema: 'runs',
  module: RunsServiceModule,
  configClass: RunsConfig,
  entities: [AgentEntity, AgentVersionEntity, RunEntity, RunEventEntity],
  migrations: runsMigrations,
};
