import { Module } from '@nestjs/common';
import { CommonModule } from '../common/common.module.js';
import { AgentVersionsRepository } from './agent-versions.repository.js';
import { AgentsController } from './agents.controller.js';
import { AgentsRepository } from './agents.repository.js';
import { CreateAgent } from './use-cases/create-agent/create-agent.use-case.js';
import { DeleteAgent } from './use-cases/delete-agent/delete-agent.use-case.js';
import { GetAgent } from './use-cases/get-agent/get-agent.use-case.js';
import { ListAgents } from './use-cases/list-agents/list-agents.use-case.js';
import { ListVersions } from './use-cases/list-versions/list-versions.use-case.js';
import { PublishVersion } from './use-cases/publish-version/publish-version.use-case.js';
import { UpdateAgent } from './use-cases/update-agent/update-agent.use-case.js';

@Module({
  imports: [CommonModule],
  controllers: [AgentsController],
  providers: [AgentsRepository, AgentVersionsRepository, CreateAgent, ListAgents, GetAgent, UpdateAgent, DeleteAgent, PublishVersion, ListVersions],
  exports: [AgentsRepository, AgentVersionsRepository],
})
export class AgentsModule {}
