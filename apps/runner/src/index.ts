import type { ServiceDefinition } from '@agentry/messaging';
import { RunnerConfig } from './config/runner.config.js';
import { RunnerModule } from './runner.module.js';

export { RunnerConfig };

/** Stateless: no schema, no DataSource; NATS, health and metrics come from startService. */
export const runnerService: ServiceDefinition<RunnerConfig> = {
  name: 'runner',
  module: RunnerModule,
  configClass: RunnerConfig,
};
