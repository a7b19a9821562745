import { Module } from '@nestjs/common';
import { AgentsModule } from './agents/agents.module.js';
import { RunsModule } from './runs/runs.module.js';

@Module({ imports: [AgentsModule, RunsModule] })
export class RunsServiceModule {}
